package io.counterline.gpio;

import com.typesafe.config.Config;
import java.util.Objects;

/**
 * One LED's output line.
 *
 * @param bcm    BCM GPIO number 0..27 (not the physical header pin number)
 * @param active the level that lights the LED
 */
public record OutputPinSettings(int bcm, ActiveLevel active) {

    public OutputPinSettings {
        if (bcm < 0 || bcm > ConfigValues.MAX_BCM) {
            throw new IllegalArgumentException("BCM pin must be 0.." + ConfigValues.MAX_BCM + ", was " + bcm);
        }
        Objects.requireNonNull(active, "active");
    }

    /** An LED from the pin through a series resistor to GND. */
    public static OutputPinSettings ledToGround(int bcm) {
        return new OutputPinSettings(bcm, ActiveLevel.HIGH);
    }

    /**
     * Reads {@code pin} (required) and {@code active} ({@code low|high}, default {@code high}) of
     * {@code config}.
     *
     * @param name where {@code config} sits in the app's config (e.g. {@code leds.satisfied}), so
     *             that errors name the full key
     */
    public static OutputPinSettings from(Config config, String name) {
        return new OutputPinSettings(ConfigValues.bcm(config, "pin", name),
                ConfigValues.lowerCaseEnum(config, "active", name, ActiveLevel.class, ActiveLevel.HIGH));
    }
}
