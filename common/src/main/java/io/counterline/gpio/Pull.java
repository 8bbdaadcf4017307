package io.counterline.gpio;

import com.pi4j.io.gpio.digital.PullResistance;

/** The Pi's internal bias resistor on an input; config values {@code up}, {@code down}, {@code off}. */
public enum Pull {
    UP(PullResistance.PULL_UP),
    DOWN(PullResistance.PULL_DOWN),
    /** No internal bias: the board has its own resistor. */
    OFF(PullResistance.OFF);

    private final PullResistance pi4j;

    Pull(PullResistance pi4j) {
        this.pi4j = pi4j;
    }

    PullResistance pi4j() {
        return pi4j;
    }
}
