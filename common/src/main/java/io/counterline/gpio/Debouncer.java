package io.counterline.gpio;

import java.util.function.Consumer;

/**
 * Turns the raw levels of one key into clean {@link KeyEvent}s. Pure logic: time is passed in
 * (nanoseconds from one monotonic clock such as {@link System#nanoTime()}), so tests drive it
 * with a manual clock.
 *
 * <p>A level counts only once it has held for the whole debounce window, so contact bounce and
 * short spikes inside the window are ignored and a press is reported once, one window after the
 * contact settled. Confirming a level, a long press and a stuck key all need time to pass without
 * any edge: call {@link #poll} regularly (the GPIO driver does every few milliseconds).
 *
 * <p>A key that is already down when the debouncer starts is not a press: it reports nothing
 * until it is released, unless it stays down long enough to be {@link KeyEvent#STUCK}.
 *
 * <p>Not thread-safe: feed it from one thread. Events are delivered to the sink on that thread,
 * after the debouncer's state has been updated.
 */
public final class Debouncer {

    private enum Hold {
        UP,
        /** Pressed, shorter than the long-press threshold so far. */
        SHORT,
        LONG,
        STUCK,
        /** Down since start: not a press, so it is neither a click nor a long press. */
        AT_START
    }

    private final long window;
    private final long longPressAfter;
    private final long stuckAfter;
    private final Consumer<KeyEvent> sink;

    private long now;
    private boolean raw;
    private long rawSince;
    private Hold hold;
    private long downSince;

    /**
     * @param downAtStart whether the key reads as pressed now
     * @param nowNanos    the clock now
     * @param sink        receives the events, on the thread that calls {@link #level} and {@link #poll}
     */
    public Debouncer(KeyTiming timing, boolean downAtStart, long nowNanos, Consumer<KeyEvent> sink) {
        this.window = timing.debounce().toNanos();
        this.longPressAfter = timing.longPressAfter().toNanos();
        this.stuckAfter = timing.stuckAfter().toNanos();
        this.sink = sink;
        this.now = nowNanos;
        this.raw = downAtStart;
        this.rawSince = nowNanos;
        this.downSince = nowNanos;
        this.hold = downAtStart ? Hold.AT_START : Hold.UP;
    }

    /** The raw level changed (or was read again) at {@code nowNanos}: {@code true} means pressed. */
    public void level(boolean down, long nowNanos) {
        // Settle what the time up to this edge has confirmed before the level changes.
        poll(nowNanos);
        if (down != raw) {
            raw = down;
            rawSince = now;
        }
    }

    /** Lets time pass: confirms a level that has held for the window, detects long and stuck keys. */
    public void poll(long nowNanos) {
        // Edges are stamped on other threads than the poll's, so time may arrive a little out
        // of order; never let it run backwards (the subtraction is overflow-safe).
        if (nowNanos - now > 0) {
            now = nowNanos;
        }
        boolean down = hold != Hold.UP;
        if (raw != down && now - rawSince >= window) {
            if (raw) {
                press();
            } else {
                release();
            }
        }
        if (raw && hold != Hold.UP) {
            long held = now - downSince;
            if (hold == Hold.SHORT && held >= longPressAfter) {
                hold = Hold.LONG;
                sink.accept(KeyEvent.LONG_PRESS);
            }
            if (hold != Hold.STUCK && held >= stuckAfter) {
                hold = Hold.STUCK;
                sink.accept(KeyEvent.STUCK);
            }
        }
    }

    private void press() {
        hold = Hold.SHORT;
        downSince = rawSince;
        sink.accept(KeyEvent.PRESSED);
    }

    private void release() {
        Hold was = hold;
        hold = Hold.UP;
        if (was == Hold.SHORT) {
            sink.accept(KeyEvent.SHORT_PRESS);
        }
        if (was != Hold.AT_START) {
            sink.accept(KeyEvent.RELEASED);
        }
    }
}
