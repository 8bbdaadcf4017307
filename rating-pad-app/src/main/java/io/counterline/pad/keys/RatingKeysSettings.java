package io.counterline.pad.keys;

import io.counterline.protocol.RatingLevel;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.gpio.OutputPinSettings;
import io.counterline.gpio.PinClaims;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the rating pad's keys and LEDs are wired, and how keys are debounced.
 *
 * @param keys      one input per level (wired to GND, internal pull-up, active low by default)
 * @param leds      one output per level (active high by default)
 * @param timing    debounce and stuck threshold (the long press is not used on the pad)
 * @param thanksFor how long {@link RatingKeys#showThanks} keeps the chosen LED lit
 */
public record RatingKeysSettings(Map<RatingLevel, InputPinSettings> keys,
                                 Map<RatingLevel, OutputPinSettings> leds,
                                 KeyTiming timing,
                                 Duration thanksFor) {
    public static final Duration DEFAULT_THANKS_FOR = Duration.ofSeconds(3);

    public RatingKeysSettings {
        keys = Collections.unmodifiableMap(new EnumMap<>(keys));
        leds = Collections.unmodifiableMap(new EnumMap<>(leds));
        if (keys.size() != RatingLevel.values().length || leds.size() != RatingLevel.values().length) {
            throw new IllegalArgumentException("every rating level needs a key and an LED");
        }
    }

    /**
     * Reads, e.g. from the app's {@code rating-pad.gpio} subtree:
     * <pre>
     * keys { very-satisfied { pin = 5 }, satisfied { pin = 6 }, average { pin = 13 }, dissatisfied { pin = 19 } }
     * leds { very-satisfied { pin = 12 }, satisfied { pin = 16 }, average { pin = 20 }, dissatisfied { pin = 21 } }
     * debounce = 30ms      # optional
     * stuck-after = 5s     # optional
     * thanks-for = 3s      # optional
     * </pre>
     * Each key also takes {@code pull} (up|down|off) and {@code active} (low|high), each LED
     * {@code active}.
     *
     * @throws ConfigException naming the key: missing, malformed, out of range, or a pin used twice
     */
    public static RatingKeysSettings from(Config config) {
        PinClaims claims = new PinClaims();
        Map<RatingLevel, InputPinSettings> keys = new EnumMap<>(RatingLevel.class);
        Map<RatingLevel, OutputPinSettings> leds = new EnumMap<>(RatingLevel.class);
        for (RatingLevel level : RatingLevel.values()) {
            String key = "keys." + level.wire();
            InputPinSettings input = InputPinSettings.from(config.getConfig(key), key);
            claims.claim(config, key + ".pin", input.bcm());
            keys.put(level, input);
        }
        for (RatingLevel level : RatingLevel.values()) {
            String led = "leds." + level.wire();
            OutputPinSettings output = OutputPinSettings.from(config.getConfig(led), led);
            claims.claim(config, led + ".pin", output.bcm());
            leds.put(level, output);
        }
        Duration thanksFor = config.hasPath("thanks-for") ? config.getDuration("thanks-for") : DEFAULT_THANKS_FOR;
        if (thanksFor.isNegative() || thanksFor.isZero()) {
            throw new ConfigException.BadValue(config.origin(), "thanks-for", "must be positive, was " + thanksFor);
        }
        return new RatingKeysSettings(keys, leds, KeyTiming.from(config), thanksFor);
    }
}
