package io.counterline.caller.button;

import com.pi4j.context.Context;
import io.counterline.gpio.GpioKeys;
import io.counterline.gpio.GpioLed;
import io.counterline.gpio.KeyEvent;
import io.counterline.protocol.Health;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call button on the Pi's GPIO through Pi4J. The button and its LED are handled on one
 * thread named {@code call-button}, which also calls the listener.
 */
public final class GpioCallButton implements CallButton {
    static final String THREAD_NAME = "call-button";
    private static final Logger log = LoggerFactory.getLogger(GpioCallButton.class);
    private static final CallButtonListener NO_LISTENER = new CallButtonListener() {
        @Override
        public void callNext() {
        }

        @Override
        public void recall() {
        }
    };

    private final Optional<GpioLed> led;
    private final GpioKeys<String> keys;
    private volatile CallButtonListener listener = NO_LISTENER;
    private volatile Health health = Health.OK;
    private boolean stuck; // confined to the button's thread

    /** Opens the lines on {@code gpio} (owned by the caller); on failure the button is offline, see {@link #health()}. */
    public GpioCallButton(Context gpio, CallButtonSettings settings) {
        this(gpio, settings, System::nanoTime);
    }

    /** @param nanoClock monotonic nanoseconds for debounce, long press and stuck detection; tests pass a manual clock */
    public GpioCallButton(Context gpio, CallButtonSettings settings, LongSupplier nanoClock) {
        Optional<GpioLed> openedLed = Optional.empty();
        GpioKeys<String> openedKeys = null;
        try {
            openedLed = settings.led().map(pin -> new GpioLed(gpio, "call-led", pin));
            openedKeys = new GpioKeys<>(gpio, THREAD_NAME, Map.of("call", settings.button()),
                    settings.timing(), nanoClock, (key, event) -> onKey(event));
        } catch (RuntimeException e) {
            openedLed.ifPresent(GpioLed::close);
            openedLed = Optional.empty();
            health = Health.offline("call button: cannot open GPIO lines: " + e.getMessage());
            log.error("Call button offline: {}", health.reason(), e);
        }
        this.led = openedLed;
        this.keys = openedKeys;
    }

    @Override
    public void setListener(CallButtonListener listener) {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    private void onKey(KeyEvent event) {
        switch (event) {
            case SHORT_PRESS -> listener.callNext();
            case LONG_PRESS -> listener.recall();
            case STUCK -> {
                stuck = true;
                health = Health.degraded("call button stuck");
                log.warn("Call button stuck");
            }
            case RELEASED -> {
                if (stuck) {
                    stuck = false;
                    health = Health.OK;
                    log.info("Call button released");
                }
            }
            case PRESSED -> {
                // Short or long is only known on release or at the threshold.
            }
        }
    }

    @Override
    public void setLit(boolean lit) {
        if (keys != null && led.isPresent()) {
            keys.run(() -> led.get().set(lit));
        }
    }

    @Override
    public Health health() {
        return health;
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
        }
        led.ifPresent(GpioLed::close);
    }
}
