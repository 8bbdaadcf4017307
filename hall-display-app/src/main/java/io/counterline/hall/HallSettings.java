package io.counterline.hall;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import io.counterline.audio.Phrases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hall display's settings, read once at start from the {@code counterline.hall} subtree
 * (defaults in this module's {@code reference.conf}).
 *
 * @param highlight        how long a new call stays highlighted ({@code highlight-seconds})
 * @param calling          how long a counter's new call stays under "now calling" next to newer
 *                         calls of other counters ({@code calling-seconds})
 * @param previousCalls    how many earlier calls are listed under the current one ({@code previous-calls})
 * @param contentFolder    folder holding the signage images named in {@code state/signage} ({@code content-folder})
 * @param backlogThreshold when more calls than this wait to be announced, the older ones are spoken
 *                         once instead of twice ({@code backlog-threshold})
 * @param fullScreen       full screen without exit hint (the TV), or a window of width × height ({@code full-screen})
 * @param width            window width in pixels when not full screen ({@code width})
 * @param height           window height in pixels when not full screen ({@code height})
 * @param counterNumbers   counter id → the number spoken for it, for counters whose Chinese name
 *                         holds no digits ({@code counter-numbers}); see {@code CallPhrasing}
 */
public record HallSettings(Duration highlight, Duration calling, int previousCalls, Path contentFolder, int backlogThreshold,
                           boolean fullScreen, int width, int height, Map<String, String> counterNumbers) {

    /** Upper bound of {@code previous-calls}: the screen has room for this many rows. */
    public static final int MAX_PREVIOUS_CALLS = 8;

    public HallSettings {
        counterNumbers = Map.copyOf(counterNumbers);
    }

    /**
     * Reads the settings from a {@code counterline.hall} subtree; a bad value, or a key this
     * module's {@code reference.conf} does not know (a typo would otherwise be ignored silently),
     * fails naming its key.
     */
    public static HallSettings from(Config config) {
        Set<String> known = ConfigFactory.defaultReference().getConfig("counterline.hall").root().keySet();
        Set<String> unknown = new TreeSet<>(config.root().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new ConfigException.BadPath(config.root().get(key).origin(), "counterline.hall." + key,
                    "unknown key; known keys: " + new TreeSet<>(known));
        }
        return new HallSettings(
                Duration.ofSeconds(inRange(config, "highlight-seconds", 0, 600)),
                Duration.ofSeconds(inRange(config, "calling-seconds", 0, 600)),
                inRange(config, "previous-calls", 0, MAX_PREVIOUS_CALLS),
                Path.of(config.getString("content-folder")),
                inRange(config, "backlog-threshold", 1, 100),
                config.getBoolean("full-screen"),
                inRange(config, "width", 160, 7680),
                inRange(config, "height", 120, 4320),
                counterNumbers(config.getConfig("counter-numbers")));
    }

    private static Map<String, String> counterNumbers(Config numbers) {
        Map<String, String> map = new TreeMap<>();
        for (String counter : numbers.root().keySet()) {
            String key = "counter-numbers." + counter;
            String number = numbers.getString(ConfigUtil.joinPath(counter));
            try {
                // The rule for what can be spoken lives in Phrases; ask it rather than repeat it.
                Phrases.call("A001", number);
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue(numbers.root().get(counter).origin(), key, e.getMessage());
            }
            map.put(counter, number);
        }
        return map;
    }

    private static int inRange(Config config, String key, int min, int max) {
        int value = config.getInt(key);
        if (value < min || value > max) {
            throw new ConfigException.BadValue(config.origin(), key,
                    "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
