package io.counterline.pad.keys;

import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Health;
import java.io.Closeable;

/**
 * The rating pad's four keys and the LED beside each key.
 *
 * <p>Threading: every method may be called from any thread and returns at once; LED changes
 * are carried out, in call order, on the implementation's own thread. The listener is called on
 * that thread too (see {@link RatingKeyListener}).
 *
 * <p>Failures never throw: a pad that cannot open its lines reports {@link #health()} offline
 * and stays dark and silent; a stuck key reports degraded until it is released.
 */
public interface RatingKeys extends Closeable {

    /** Replaces the listener; events before the first call are dropped. */
    void setListener(RatingKeyListener listener);

    /** All four LEDs on: the pad is armed and invites a rating. */
    void showInvite();

    /** Only {@code chosen}'s LED on, for the configured {@code thanks-for}, then all off. */
    void showThanks(RatingLevel chosen);

    /** All LEDs off. */
    void off();

    /** Ok, degraded ("key 满意 stuck") or offline (lines could not be opened), with the reason. */
    Health health();

    /** Turns the LEDs off and releases the lines; never throws. */
    @Override
    void close();
}
