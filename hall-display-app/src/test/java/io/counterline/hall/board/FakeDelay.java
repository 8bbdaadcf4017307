package io.counterline.hall.board;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Delay} that runs its actions only when the test says time has passed. */
public final class FakeDelay implements Delay {
    private record Pending(Duration delay, Runnable action) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private final List<Duration> requested = new ArrayList<>();

    @Override
    public synchronized void after(Duration delay, Runnable action) {
        requested.add(delay);
        pending.add(new Pending(delay, action));
    }

    /** Runs every action scheduled so far, as if their time had come. */
    public void elapse() {
        elapse(Duration.ofDays(365));
    }

    /** Runs the actions scheduled so far with a delay of at most {@code time}; the others stay pending. */
    public void elapse(Duration time) {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            pending.removeIf(p -> {
                boolean isDue = p.delay().compareTo(time) <= 0;
                if (isDue) {
                    due.add(p.action());
                }
                return isDue;
            });
        }
        due.forEach(Runnable::run);
    }

    public synchronized List<Duration> requested() {
        return List.copyOf(requested);
    }
}
