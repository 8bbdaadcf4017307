package io.counterline.pad.keys;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.counterline.gpio.GpioProvider;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Which rating keys the pad has, read from its {@code rating-pad.keys} subtree:
 *
 * <pre>
 * type = gpio              # gpio | simulated (on-screen keys, the demo): required, never guessed
 * gpio {                   # required when type = gpio; see docs/hardware-gpio.md
 *   provider = gpiod
 *   keys { very-satisfied { pin = 5 }, … }
 *   leds { very-satisfied { pin = 12 }, … }
 * }
 * </pre>
 *
 * @param gpio     present when {@code type = gpio}; its {@code thanksFor} is the pad's {@code thanks-for}
 * @param provider present when {@code type = gpio}
 */
public record PadKeysSettings(Type type, Optional<GpioProvider> provider, Optional<RatingKeysSettings> gpio,
                              Duration thanksFor) {

    public enum Type { GPIO, SIMULATED }

    /**
     * @param thanksFor how long the chosen LED stays lit after a rating (the pad's {@code thanks-for})
     * @throws ConfigException naming the key when the type is unknown or the gpio block is missing or bad
     */
    public static PadKeysSettings from(Config keys, Duration thanksFor) {
        String value = keys.getString("type");
        Type type;
        try {
            type = Type.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(keys.origin(), "keys.type", "must be gpio or simulated, was " + value);
        }
        if (type == Type.SIMULATED) {
            return new PadKeysSettings(type, Optional.empty(), Optional.empty(), thanksFor);
        }
        if (!keys.hasPath("gpio")) {
            throw new ConfigException.Missing(keys.origin(), "keys.gpio");
        }
        Config gpio = keys.getConfig("gpio");
        RatingKeysSettings pins = RatingKeysSettings.from(gpio);
        // One thanks-for for the LEDs and the screen: the pad's.
        pins = new RatingKeysSettings(pins.keys(), pins.leds(), pins.timing(), thanksFor);
        return new PadKeysSettings(type, Optional.of(GpioProvider.from(gpio)), Optional.of(pins), thanksFor);
    }
}
