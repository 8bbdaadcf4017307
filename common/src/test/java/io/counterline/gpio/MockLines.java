package io.counterline.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;

/**
 * Finds the Pi4J mock lines a driver opened, by BCM number, and moves them like a wired key
 * would. Keys are assumed wired to GND with a pull-up (active low), the default.
 */
public final class MockLines {
    private final Context gpio;

    public MockLines(Context gpio) {
        this.gpio = gpio;
    }

    /** A context holding exactly the mock digital providers, built the way the apps build theirs. */
    public static Context newMockContext() {
        return Gpio.newContext(GpioProvider.MOCK);
    }

    public MockDigitalInput input(int bcm) {
        return find(bcm, MockDigitalInput.class);
    }

    public MockDigitalOutput output(int bcm) {
        return find(bcm, MockDigitalOutput.class);
    }

    /** The key on {@code bcm} closes: an active-low line goes low. */
    public void press(int bcm) {
        input(bcm).mockState(DigitalState.LOW);
    }

    /** The key on {@code bcm} opens: the pull-up takes an active-low line high. */
    public void release(int bcm) {
        input(bcm).mockState(DigitalState.HIGH);
    }

    /**
     * Whether the output on {@code bcm} is high. (The mock knows nothing of pull resistors: its
     * inputs start low, which reads as "held at start" for an active-low key until released.)
     */
    public boolean isHigh(int bcm) {
        return output(bcm).state() == DigitalState.HIGH;
    }

    // com.pi4j.io.gpio.Gpio: Pi4J's line type, not our context factory of the same name.
    private <T extends com.pi4j.io.gpio.Gpio<?, ?, ?>> T find(int bcm, Class<T> type) {
        return gpio.registry().allByType(type).values().stream()
                .filter(line -> line.address().intValue() == bcm)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " on BCM " + bcm));
    }
}
