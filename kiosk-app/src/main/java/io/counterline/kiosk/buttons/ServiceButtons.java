package io.counterline.kiosk.buttons;

import io.counterline.protocol.Health;
import java.io.Closeable;

/**
 * The kiosk's physical buttons, one per service, beside the touchscreen.
 *
 * <p>Threading: the listener is called on the implementation's own thread; the other methods
 * may be called from any thread.
 *
 * <p>Failures never throw: buttons whose lines cannot be opened report {@link #health()}
 * offline; a button held past {@code stuck-after} reports degraded and is ignored until released.
 */
public interface ServiceButtons extends Closeable {

    /** Replaces the listener; presses before the first call are dropped. */
    void setListener(ServiceButtonListener listener);

    /** Ok, degraded ("button A stuck") or offline (lines could not be opened), with the reason. */
    Health health();

    /** Releases the lines; never throws. */
    @Override
    void close();
}
