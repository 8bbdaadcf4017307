package io.counterline.config;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a secret (a broker password, a key store password) from a config file the one way this
 * project does. A secret {@code K} is given as exactly one of:
 * <ul>
 *   <li>{@code K = "…"} in the file itself;</li>
 *   <li>{@code K-file = "/etc/counterline/secrets/kiosk-1"}: the file's content, without the
 *       trailing newline (so the config file can be shared, the secret file kept mode 600);</li>
 *   <li>{@code K-env = "COUNTERLINE_KIOSK_1_SECRET"}: that environment variable (systemd
 *       {@code LoadCredential}/{@code Environment}, a container's secrets).</li>
 * </ul>
 * The secrets of the shipped example files ({@code <id>-secret-0001}) are refused unless this is
 * the demo or a test: {@code COUNTERLINE_DEMO=1} in the environment (set by {@code ./counterline
 * demo|bench} and by the build's test runs) or {@code -Dcounterline.demo=true}.
 */
public final class Secrets {
    /** What the example configs and the demo use; known to anyone who read the repository. */
    private static final Pattern EXAMPLE = Pattern.compile("[A-Za-z0-9._-]+-secret-0001");

    private final Map<String, String> environment;
    private final boolean demo;

    Secrets(Map<String, String> environment, boolean demo) {
        this.environment = environment;
        this.demo = demo;
    }

    /** Reads from this process's environment; the demo allowance as described above. */
    public static Secrets fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new Secrets(env, "1".equals(env.get("COUNTERLINE_DEMO"))
                || Boolean.getBoolean("counterline.demo"));
    }

    /**
     * The secret at {@code path} of {@code c}.
     *
     * @param key       the key as the user wrote it, for messages (e.g. {@code devices[3].secret})
     * @param minLength shortest acceptable secret
     * @throws IllegalArgumentException naming the key: missing, given twice, unreadable, too
     *                                  short, or an example secret outside the demo
     */
    public String read(Config c, String path, String key, int minLength) {
        return readOptional(c, path, key, minLength)
                .orElseThrow(() -> new IllegalArgumentException(key + " is missing: give " + key + ", "
                        + key + "-file or " + key + "-env"));
    }

    /** As {@link #read}, but empty when none of the three forms is given. */
    public Optional<String> readOptional(Config c, String path, String key, int minLength) {
        boolean inline = c.hasPath(path);
        boolean file = c.hasPath(path + "-file");
        boolean env = c.hasPath(path + "-env");
        int given = (inline ? 1 : 0) + (file ? 1 : 0) + (env ? 1 : 0);
        if (given == 0) {
            return Optional.empty();
        }
        if (given > 1) {
            throw new IllegalArgumentException(key + ": give only one of " + key + ", " + key + "-file and "
                    + key + "-env");
        }
        String value;
        if (inline) {
            value = c.getString(path);
        } else if (file) {
            value = fromFile(Path.of(c.getString(path + "-file")), key + "-file");
        } else {
            String name = c.getString(path + "-env");
            value = environment.get(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(key + "-env: environment variable " + name + " is not set");
            }
        }
        if (value.length() < minLength) {
            throw new IllegalArgumentException(key + " must have at least " + minLength + " characters");
        }
        if (!demo && EXAMPLE.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " is an example secret from the documentation; choose a"
                    + " new one (openssl rand -base64 18). Example secrets are only accepted by the demo.");
        }
        return Optional.of(value);
    }

    private static String fromFile(Path file, String key) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            // A file written by an editor or "echo" ends with a newline that is not part of it.
            return s.endsWith("\r\n") ? s.substring(0, s.length() - 2)
                    : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
