package io.counterline.kiosk.buttons;

/**
 * Receives the kiosk's physical service buttons, debounced, on the {@link ServiceButtons}
 * implementation's own named thread (never a Pi4J, JavaFX or MQTT thread). Calls come one at a
 * time, in order; hand ticket requests to the app's own executor.
 */
@FunctionalInterface
public interface ServiceButtonListener {

    /** The button of service {@code serviceId} (e.g. {@code "A"}) went down: once per press. */
    void pressed(String serviceId);
}
