package io.counterline.caller.button;

import io.counterline.protocol.Health;
import java.io.Closeable;

/**
 * The teller's physical call button, with an optional LED in or beside it. A short press calls
 * the next customer, a long press recalls the current one.
 *
 * <p>Threading: every method may be called from any thread and returns at once; LED changes
 * and listener calls happen in order on the implementation's own thread.
 *
 * <p>Failures never throw: a button whose line cannot be opened reports {@link #health()}
 * offline; a button held past {@code stuck-after} reports degraded and is ignored until released.
 */
public interface CallButton extends Closeable {

    /** Replaces the listener; presses before the first call are dropped. */
    void setListener(CallButtonListener listener);

    /** Lights the button's LED (e.g. while customers are waiting); does nothing without an LED. */
    void setLit(boolean lit);

    /** Ok, degraded ("call button stuck") or offline (line could not be opened), with the reason. */
    Health health();

    /** Darkens the LED and releases the lines; never throws. */
    @Override
    void close();
}
