package io.counterline.gpio;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a key level must hold to count, and when a held key becomes a long press or stuck.
 *
 * @param debounce       a level counts only after it has held this long (contacts bounce for a few ms)
 * @param longPressAfter a press held this long is a long press
 * @param stuckAfter     a press held this long is a stuck key: a jammed key or a shorted wire
 */
public record KeyTiming(Duration debounce, Duration longPressAfter, Duration stuckAfter) {
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(30);
    public static final Duration DEFAULT_LONG_PRESS_AFTER = Duration.ofMillis(1500);
    public static final Duration DEFAULT_STUCK_AFTER = Duration.ofSeconds(5);
    public static final KeyTiming DEFAULT =
            new KeyTiming(DEFAULT_DEBOUNCE, DEFAULT_LONG_PRESS_AFTER, DEFAULT_STUCK_AFTER);

    public KeyTiming {
        Objects.requireNonNull(debounce, "debounce");
        Objects.requireNonNull(longPressAfter, "longPressAfter");
        Objects.requireNonNull(stuckAfter, "stuckAfter");
    }

    /**
     * Reads the optional keys {@code debounce} (default 30 ms), {@code long-press-after}
     * (default 1.5 s) and {@code stuck-after} (default 5 s) of {@code config}.
     *
     * @throws ConfigException naming the key when a value is not a duration or out of order
     */
    public static KeyTiming from(Config config) {
        Duration debounce = duration(config, "debounce", DEFAULT_DEBOUNCE);
        Duration longPress = duration(config, "long-press-after", DEFAULT_LONG_PRESS_AFTER);
        Duration stuck = duration(config, "stuck-after", DEFAULT_STUCK_AFTER);
        if (debounce.isNegative() || debounce.isZero()) {
            throw new ConfigException.BadValue(config.origin(), "debounce", "must be positive, was " + debounce);
        }
        if (longPress.compareTo(debounce) <= 0) {
            throw new ConfigException.BadValue(config.origin(), "long-press-after",
                    "must be longer than debounce (" + debounce + "), was " + longPress);
        }
        if (stuck.compareTo(debounce) <= 0) {
            throw new ConfigException.BadValue(config.origin(), "stuck-after",
                    "must be longer than debounce (" + debounce + "), was " + stuck);
        }
        return new KeyTiming(debounce, longPress, stuck);
    }

    private static Duration duration(Config config, String key, Duration fallback) {
        return config.hasPath(key) ? config.getDuration(key) : fallback;
    }
}
