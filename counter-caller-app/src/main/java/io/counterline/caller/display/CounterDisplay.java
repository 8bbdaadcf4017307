package io.counterline.caller.display;

import io.counterline.protocol.Health;
import java.io.Closeable;

/**
 * The display above a counter that tells customers which ticket is called there.
 *
 * <p>Threading: the show methods are called from one worker thread (the counter's display
 * worker), never from a JavaFX or MQTT callback thread, because a real display blocks for
 * the time a frame takes on the wire. {@link #health()} may be read from any thread.
 *
 * <p>Failures: a display that cannot be written to does not throw at the caller; it reports
 * {@link #health()} (offline, with a reason naming the port or bus) and tries again on the
 * next show, which then returns it to ok. The last text shown is what the caller asked for
 * last, so the caller never has to repeat itself after a fault, only show the next thing.
 */
public interface CounterDisplay extends Closeable {

    /** Shows that {@code number} ("A012") is called to this counter, e.g. "请 A012 号". */
    void showCall(String number, String counterName);

    /** Shows that the counter does not serve now: "暂停服务". */
    void showPaused();

    /** Shows a resting text, e.g. "欢迎光临"; what does not fit the display is cut off. */
    void showIdle(String text);

    /** How the display is; ok until a write fails. */
    Health health();

    /** Releases the port or bus; never throws. */
    @Override
    void close();
}
