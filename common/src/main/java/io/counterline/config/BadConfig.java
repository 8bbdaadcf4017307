package io.counterline.config;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used, said in one line that names the file, the line and
 * the full key path: {@code /etc/counterline/kiosk-1.conf:12: kiosk.offline.block-size: must be
 * between 1 and 500, was 900}. Apps print {@link #getMessage()} and exit with status 2.
 */
public final class BadConfig extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String key;
    private final String problem;

    /**
     * @param line 1-based, or 0 when the problem has no line (a missing file, a missing key)
     * @param key  the full key path ({@code services[2].prefix}), or empty for the file as a whole
     */
    public BadConfig(Path file, int line, String key, String problem) {
        super(oneLine(file, line, key, problem));
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }

    private static String oneLine(Path file, int line, String key, String problem) {
        StringBuilder b = new StringBuilder().append(file);
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (!key.isEmpty()) {
            b.append(key).append(": ");
        }
        // One line, whatever the underlying message held.
        return b.append(problem.replaceAll("\\s*\\R\\s*", " ").strip()).toString();
    }
}
