package io.counterline.kiosk.buttons;

import com.pi4j.context.Context;
import io.counterline.gpio.GpioKeys;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyEvent;
import io.counterline.protocol.Health;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's service buttons on the Pi's GPIO through Pi4J, handled on one thread named
 * {@code service-buttons}, which also calls the listener. A ticket is asked for as soon as a
 * button is down (debounced), not on release: the customer sees the slip start at once.
 */
public final class GpioServiceButtons implements ServiceButtons {
    static final String THREAD_NAME = "service-buttons";
    private static final Logger log = LoggerFactory.getLogger(GpioServiceButtons.class);

    private final GpioKeys<String> keys;
    private volatile ServiceButtonListener listener = serviceId -> { };
    private volatile Health health = Health.OK;
    private final Set<String> stuck = new TreeSet<>(); // confined to the buttons' thread

    /** Opens the lines on {@code gpio} (owned by the caller); on failure the buttons are offline, see {@link #health()}. */
    public GpioServiceButtons(Context gpio, ServiceButtonsSettings settings) {
        this(gpio, settings, System::nanoTime);
    }

    /** @param nanoClock monotonic nanoseconds for debounce and stuck detection; tests pass a manual clock */
    public GpioServiceButtons(Context gpio, ServiceButtonsSettings settings, LongSupplier nanoClock) {
        Map<String, InputPinSettings> pins = new LinkedHashMap<>();
        settings.buttons().forEach(button -> pins.put(button.serviceId(), button.pin()));
        GpioKeys<String> opened = null;
        try {
            opened = new GpioKeys<>(gpio, THREAD_NAME, pins, settings.timing(), nanoClock, this::onKey);
        } catch (RuntimeException e) {
            health = Health.offline("service buttons: cannot open GPIO lines: " + e.getMessage());
            log.error("Service buttons offline: {}", health.reason(), e);
        }
        this.keys = opened;
    }

    @Override
    public void setListener(ServiceButtonListener listener) {
        this.listener = listener == null ? serviceId -> { } : listener;
    }

    private void onKey(String serviceId, KeyEvent event) {
        switch (event) {
            case PRESSED -> listener.pressed(serviceId);
            case STUCK -> {
                stuck.add(serviceId);
                log.warn("Service button {} stuck", serviceId);
                updateHealth();
            }
            case RELEASED -> {
                if (stuck.remove(serviceId)) {
                    log.info("Service button {} released", serviceId);
                    updateHealth();
                }
            }
            case SHORT_PRESS, LONG_PRESS -> {
                // The press itself asks for the ticket; how long it was held does not matter.
            }
        }
    }

    private void updateHealth() {
        health = stuck.isEmpty() ? Health.OK
                : Health.degraded((stuck.size() == 1 ? "button " : "buttons ") + String.join(", ", stuck) + " stuck");
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
    }
}
