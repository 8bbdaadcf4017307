package io.counterline.gpio;

import com.pi4j.io.gpio.digital.DigitalState;

/**
 * The line level that means "pressed" for a key or "lit" for an LED; config values {@code low},
 * {@code high}. A key wired to GND with a pull-up is active low; an LED from the pin through a
 * resistor to GND is active high.
 */
public enum ActiveLevel {
    LOW(DigitalState.LOW),
    HIGH(DigitalState.HIGH);

    private final DigitalState active;

    ActiveLevel(DigitalState active) {
        this.active = active;
    }

    /** Whether a line reading {@code state} is active; {@code UNKNOWN} is not. */
    boolean isActive(DigitalState state) {
        return state == active;
    }

    /** The line state to drive for {@code on}. */
    DigitalState state(boolean on) {
        return on ? active : DigitalState.getInverseState(active);
    }
}
