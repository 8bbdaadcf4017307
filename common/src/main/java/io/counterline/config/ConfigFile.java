package io.counterline.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads one HOCON config file whole, once, at start: the file over its defaults, through a
 * settings reader that validates every value, and then every key of the file checked against
 * what the reader read and what the defaults hold, so a typo ({@code rolover-hour}) is an error
 * instead of a silent default. Whatever is wrong comes out as one {@link BadConfig} line naming
 * the file, the line and the full key path.
 *
 * <p>The reader is the schema: a key is known when the reader reads it or the defaults (the
 * module's {@code reference.conf}) hold it; {@link ConfigKeys} adds blocks that are read only for
 * some choices and renamed keys.
 */
public final class ConfigFile {
    private static final Pattern QUOTED_PATH = Pattern.compile(
            "(?:Invalid value at|for key|Invalid path|at path) '([^']+)'");
    private static final Pattern LEADING_KEY = Pattern.compile("^([a-z][A-Za-z0-9_.\\[\\]-]*)(?::|\\s)\\s*(.*)$",
            Pattern.DOTALL);

    /** The settings read, and warnings (deprecated keys) to log. */
    public record Loaded<T>(T settings, List<String> warnings) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    private ConfigFile() {
    }

    /**
     * Reads {@code file} over {@code defaults} with {@code reader}.
     *
     * @param reader builds the settings from the whole config and throws (a {@link ConfigException}
     *               or an {@link IllegalArgumentException} naming the key) on a bad value
     * @throws BadConfig the file is missing or unreadable, a value is bad, or a key is unknown
     */
    public static <T> Loaded<T> read(Path file, Config defaults, ConfigKeys keys, Function<Config, T> reader) {
        if (!Files.isRegularFile(file)) {
            throw new BadConfig(file, 0, "", Files.exists(file) ? "not a regular file" : "no such file");
        }
        if (!Files.isReadable(file)) {
            throw new BadConfig(file, 0, "", "not readable by this user");
        }
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new BadConfig(file, lineOf(e), "", problem(e.getMessage(), e));
        }
        List<String> warnings = new ArrayList<>();
        parsed = moveDeprecated(file, parsed, keys.deprecated(), warnings);
        FileKeys written = FileKeys.of(parsed.root());
        Config merged;
        try {
            merged = parsed.withFallback(defaults).resolve();
        } catch (ConfigException e) {
            throw new BadConfig(file, lineOf(e), "", problem(e.getMessage(), e));
        }
        ReadTracker tracker = new ReadTracker();
        T settings;
        try {
            settings = reader.apply(tracker.track(merged));
        } catch (ConfigException | IllegalArgumentException e) {
            throw explain(file, written, tracker, e);
        }
        checkUnknown(file, written, tracker, defaults, keys);
        return new Loaded<>(settings, warnings);
    }

    private static Config moveDeprecated(Path file, Config parsed, Map<String, String> deprecated,
                                         List<String> warnings) {
        Config moved = parsed;
        for (Map.Entry<String, String> e : deprecated.entrySet()) {
            String old = e.getKey();
            if (!parsed.hasPathOrNull(old)) {
                continue;
            }
            int line = Math.max(0, parsed.getValue(old).origin().lineNumber());
            warnings.add(new BadConfig(file, line, old, "deprecated: use " + e.getValue() + " instead").getMessage());
            if (!parsed.hasPathOrNull(e.getValue())) {
                moved = moved.withValue(e.getValue(), parsed.getValue(old));
            }
            moved = moved.withoutPath(old);
        }
        return moved;
    }

    private static void checkUnknown(Path file, FileKeys written, ReadTracker tracker, Config defaults,
                                     ConfigKeys keys) {
        List<String> unknown = written.leaves().stream()
                .filter(key -> !tracker.covers(key))
                .filter(key -> !inDefaults(defaults, key))
                .filter(key -> keys.alternatives().stream()
                        .noneMatch(a -> FileKeys.within(key, a) && !tracker.entered(a)))
                .sorted(Comparator.comparing(key -> written.line(key).orElse(0)))
                .toList();
        if (unknown.isEmpty()) {
            return;
        }
        String key = unknown.get(0);
        String problem = "unknown key" + suggestion(key, tracker, defaults).map(s -> " (did you mean " + s + "?)")
                .orElse("") + (unknown.size() > 1 ? "; " + (unknown.size() - 1) + " more unknown: "
                + String.join(", ", unknown.subList(1, Math.min(unknown.size(), 4)))
                + (unknown.size() > 4 ? ", …" : "") : "");
        throw new BadConfig(file, written.line(key).orElse(0), key, problem);
    }

    private static boolean inDefaults(Config defaults, String key) {
        if (key.contains("[")) {
            return false;
        }
        try {
            return defaults.hasPathOrNull(key);
        } catch (ConfigException e) {
            return false; // a path Typesafe cannot even parse is not in the defaults
        }
    }

    /** A known key beside {@code key} that differs by a typo or two. */
    private static Optional<String> suggestion(String key, ReadTracker tracker, Config defaults) {
        String parent = FileKeys.parent(key);
        String name = key.substring(parent.isEmpty() ? 0 : parent.length() + 1);
        Stream<String> siblings = tracker.seen().stream()
                .filter(p -> FileKeys.parent(p).equals(parent))
                .map(p -> p.substring(parent.isEmpty() ? 0 : parent.length() + 1));
        if (!parent.contains("[") && (parent.isEmpty() || inDefaults(defaults, parent))) {
            try {
                Config block = parent.isEmpty() ? defaults : defaults.getConfig(parent);
                siblings = Stream.concat(siblings, block.root().keySet().stream());
            } catch (ConfigException e) {
                // the parent is not a block in the defaults: the reads alone suggest
            }
        }
        return siblings.distinct().filter(s -> !s.equals(name))
                .filter(s -> distance(s, name) <= (name.length() <= 3 ? 1 : Math.min(3, Math.max(2, name.length() / 3))))
                .min(Comparator.comparingInt(s -> distance(s, name)))
                .map(s -> parent.isEmpty() ? s : parent + "." + s);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + change);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Names the key and line of a reader's failure. */
    private static BadConfig explain(Path file, FileKeys written, ReadTracker tracker, RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String problem = problem(message, e);
        Optional<String> named = Optional.empty();
        Matcher quoted = QUOTED_PATH.matcher(message);
        Matcher leading = LEADING_KEY.matcher(problem);
        if (quoted.find()) {
            named = Optional.of(quoted.group(1));
        } else if (leading.matches() && (leading.group(1).matches(".*[.\\[].*")
                || tracker.resolve(leading.group(1)).isPresent())) {
            named = Optional.of(leading.group(1));
            problem = leading.group(2);
        }
        Optional<String> failedAt = tracker.failedAt();
        String key = named.map(n -> {
            if (written.has(n)) {
                return n;
            }
            if (failedAt.isPresent() && FileKeys.endsWithKey(failedAt.get(), n)) {
                return failedAt.get();
            }
            return tracker.resolve(n).orElse(n);
        }).or(() -> failedAt).orElse("");
        int line = written.line(key).orElseGet(() -> e instanceof ConfigException c ? lineOf(c) : 0);
        return new BadConfig(file, line, key, problem.isBlank() ? message : problem);
    }

    /** The message without Typesafe's origin and path prefixes, and in plain words where it helps. */
    private static String problem(String message, RuntimeException e) {
        String text = message;
        if (e instanceof ConfigException c && c.origin() != null) {
            String origin = c.origin().description() + ": ";
            if (text.startsWith(origin)) {
                text = text.substring(origin.length());
            }
        }
        if (e instanceof ConfigException.Missing) {
            return "missing (no default; the file must set it)";
        }
        Matcher at = Pattern.compile("^(?:Invalid value at|Invalid path) '[^']+': (.*)$", Pattern.DOTALL).matcher(text);
        if (at.matches()) {
            return at.group(1);
        }
        if (e instanceof ConfigException.WrongType) {
            Matcher type = Pattern.compile("^\\S+ has type (\\S+) rather than (\\S+)$").matcher(text);
            if (type.matches()) {
                return "must be " + type.group(2).toLowerCase() + ", was " + type.group(1).toLowerCase();
            }
        }
        return text;
    }

    private static int lineOf(ConfigException e) {
        return e.origin() == null ? 0 : Math.max(0, e.origin().lineNumber());
    }
}
