package io.counterline.caller.button;

/**
 * Receives the teller's call button, debounced, on the {@link CallButton} implementation's own
 * named thread (never a Pi4J, JavaFX or MQTT thread). Calls come one at a time, in order; hand
 * requests to the server to the app's own executor.
 */
public interface CallButtonListener {

    /** A short press: released before {@code long-press-after}. */
    void callNext();

    /** A long press: held for {@code long-press-after}; called while the button is still held. */
    void recall();
}
