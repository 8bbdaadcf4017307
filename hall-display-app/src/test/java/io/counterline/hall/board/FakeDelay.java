package io.counterline.hall.board;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Delay} that runs its actions only when the test says time has passed. */
public final class FakeDelay implements Delay {
    private final List<Runnable> pending = new ArrayList<>();
    private final List<Duration> requested = new ArrayList<>();

    @Override
    public synchronized void after(Duration delay, Runnable action) {
        requested.add(delay);
        pending.add(action);
    }

    /** Runs every action scheduled so far, as if their time had come. */
    public void elapse() {
        List<Runnable> due;
        synchronized (this) {
            due = List.copyOf(pending);
            pending.clear();
        }
        due.forEach(Runnable::run);
    }

    public synchronized List<Duration> requested() {
        return List.copyOf(requested);
    }
}
