package io.counterline.config;

import java.util.List;
import java.util.Map;

/**
 * What a config reader cannot tell {@link ConfigFile} by reading: blocks that are only read for
 * some choice of another key, and keys that were renamed.
 *
 * @param alternatives blocks or keys (full paths) read only for some choices, e.g.
 *                     {@code rating-pad.keys.gpio} when {@code keys.type = gpio}; while the reader
 *                     does not enter one, its contents are accepted unread. Once entered, every key
 *                     in it must be one the reader knows.
 * @param deprecated   old key → its replacement; an old key is moved to the new one with a warning
 */
public record ConfigKeys(List<String> alternatives, Map<String, String> deprecated) {
    public static final ConfigKeys NONE = new ConfigKeys(List.of(), Map.of());

    public ConfigKeys {
        alternatives = List.copyOf(alternatives);
        deprecated = Map.copyOf(deprecated);
    }

    public static ConfigKeys alternatives(String... paths) {
        return new ConfigKeys(List.of(paths), Map.of());
    }

    public ConfigKeys withDeprecated(String old, String replacement) {
        Map<String, String> more = new java.util.LinkedHashMap<>(deprecated);
        more.put(old, replacement);
        return new ConfigKeys(alternatives, more);
    }
}
