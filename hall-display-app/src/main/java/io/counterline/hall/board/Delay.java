package io.counterline.hall.board;

import java.time.Duration;

/**
 * Runs an action once, later. The board uses it to end a call's highlight; the app backs it with
 * a scheduled executor, tests with a hand-fired fake so no test waits for real seconds.
 *
 * <p>Threading: the action may run on any thread; it must be safe to call into the board from it.
 */
@FunctionalInterface
public interface Delay {

    /** Schedules {@code action} to run once after {@code delay}; returns at once. */
    void after(Duration delay, Runnable action);
}
