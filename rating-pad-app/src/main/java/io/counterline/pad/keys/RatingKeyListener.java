package io.counterline.pad.keys;

import io.counterline.protocol.RatingLevel;

/**
 * Receives the rating pad's key events, debounced, on the {@link RatingKeys} implementation's own
 * named thread (never a Pi4J, JavaFX or MQTT thread). Calls come one at a time, in order; a slow
 * listener delays later key events, so hand long work (outbox, network) to the app's own executor.
 */
public interface RatingKeyListener {

    /** A key went down: once per press, as soon as the contact has settled. */
    void pressed(RatingLevel level);

    /** A key has been held past {@code stuck-after}; nothing more comes from it until it is released. */
    default void stuck(RatingLevel level) {
    }

    /** A key went up after {@link #pressed} or {@link #stuck}. */
    default void released(RatingLevel level) {
    }
}
