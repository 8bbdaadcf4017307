package io.counterline.caller.button;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.gpio.OutputPinSettings;
import io.counterline.gpio.PinClaims;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the call button and its LED are wired, and when a press is long.
 *
 * @param button the button's input (wired to GND, internal pull-up, active low by default)
 * @param led    the LED's output, if the button has one
 * @param timing debounce, long press (recall) and stuck thresholds
 */
public record CallButtonSettings(InputPinSettings button, Optional<OutputPinSettings> led, KeyTiming timing) {

    public CallButtonSettings {
        Objects.requireNonNull(button, "button");
        Objects.requireNonNull(led, "led");
        Objects.requireNonNull(timing, "timing");
    }

    /**
     * Reads, e.g. from the app's {@code counter-caller.gpio} subtree:
     * <pre>
     * button { pin = 23 }        # also pull (up|down|off), active (low|high)
     * led { pin = 24 }           # optional; also active
     * debounce = 30ms            # optional
     * long-press-after = 1.5s    # optional
     * stuck-after = 5s           # optional, must be longer than long-press-after
     * </pre>
     *
     * @throws ConfigException naming the key: missing, malformed, out of range, or a pin used twice
     */
    public static CallButtonSettings from(Config config) {
        PinClaims claims = new PinClaims();
        InputPinSettings button = InputPinSettings.from(config.getConfig("button"), "button");
        claims.claim(config, "button.pin", button.bcm());
        Optional<OutputPinSettings> led = Optional.empty();
        if (config.hasPath("led")) {
            OutputPinSettings output = OutputPinSettings.from(config.getConfig("led"), "led");
            claims.claim(config, "led.pin", output.bcm());
            led = Optional.of(output);
        }
        KeyTiming timing = KeyTiming.from(config);
        if (timing.stuckAfter().compareTo(timing.longPressAfter()) <= 0) {
            throw new ConfigException.BadValue(config.origin(), "stuck-after",
                    "must be longer than long-press-after (" + timing.longPressAfter() + "), was "
                            + timing.stuckAfter());
        }
        return new CallButtonSettings(button, led, timing);
    }
}
