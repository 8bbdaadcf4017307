package io.counterline.gpio;

import com.typesafe.config.Config;
import java.util.Objects;

/**
 * One key's input line.
 *
 * @param bcm    BCM GPIO number 0..27 (not the physical header pin number)
 * @param pull   the internal bias resistor
 * @param active the level that means pressed
 */
public record InputPinSettings(int bcm, Pull pull, ActiveLevel active) {

    public InputPinSettings {
        if (bcm < 0 || bcm > ConfigValues.MAX_BCM) {
            throw new IllegalArgumentException("BCM pin must be 0.." + ConfigValues.MAX_BCM + ", was " + bcm);
        }
        Objects.requireNonNull(pull, "pull");
        Objects.requireNonNull(active, "active");
    }

    /** A key wired from the pin to GND, with the internal pull-up: the usual wiring. */
    public static InputPinSettings keyToGround(int bcm) {
        return new InputPinSettings(bcm, Pull.UP, ActiveLevel.LOW);
    }

    /**
     * Reads {@code pin} (required), {@code pull} ({@code up|down|off}, default {@code up}) and
     * {@code active} ({@code low|high}, default {@code low}) of {@code config}.
     *
     * @param name where {@code config} sits in the app's config (e.g. {@code keys.satisfied}), so
     *             that errors name the full key
     */
    public static InputPinSettings from(Config config, String name) {
        return new InputPinSettings(ConfigValues.bcm(config, "pin", name),
                ConfigValues.lowerCaseEnum(config, "pull", name, Pull.class, Pull.UP),
                ConfigValues.lowerCaseEnum(config, "active", name, ActiveLevel.class, ActiveLevel.LOW));
    }
}
