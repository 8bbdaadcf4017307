package io.counterline.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.io.Closeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LED on a GPIO output: dark when opened, darkened again when closed.
 *
 * <p>Not thread-safe: drive it from one thread (the owning driver's).
 */
public final class GpioLed implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(GpioLed.class);

    private final Context gpio;
    private final DigitalOutput line;
    private final OutputPinSettings pin;

    /**
     * @param id a Pi4J IO id unique in {@code gpio}
     * @throws com.pi4j.exception.Pi4JException if the line cannot be opened (pin in use, no access)
     */
    public GpioLed(Context gpio, String id, OutputPinSettings pin) {
        this.gpio = gpio;
        this.pin = pin;
        this.line = gpio.create(DigitalOutput.newConfigBuilder(gpio)
                .id(id)
                .address(pin.bcm())
                .initial(pin.active().state(false))
                .shutdown(pin.active().state(false)));
    }

    /** @throws com.pi4j.exception.Pi4JException if the line cannot be written */
    public void set(boolean lit) {
        line.state(pin.active().state(lit));
    }

    /** Darkens the LED and releases the line; never throws. */
    @Override
    public void close() {
        try {
            gpio.shutdown(line.id());
        } catch (RuntimeException e) {
            log.warn("Could not release LED on BCM {}: {}", pin.bcm(), e.toString());
        }
    }
}
