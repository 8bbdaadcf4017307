package io.counterline.pad.keys;

import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Health;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A rating pad without hardware, for the demo: on-screen buttons call {@link #press}, and the
 * screen draws the LEDs from {@link #litLeds()} or the LED listener. Everything happens on one
 * thread named {@code sim-rating-keys}, like the real pad's, so the app sees the same threading.
 */
public final class SimulatedRatingKeys implements RatingKeys {
    private static final RatingKeyListener NO_LISTENER = level -> { };

    private final Duration thanksFor;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sim-rating-keys"));
    private volatile RatingKeyListener listener = NO_LISTENER;
    private volatile Consumer<Set<RatingLevel>> ledListener = lit -> { };
    private volatile Set<RatingLevel> lit = Set.of();
    private ScheduledFuture<?> thanksEnd; // confined to the thread

    /** @param thanksFor how long {@link #showThanks} keeps the chosen LED lit */
    public SimulatedRatingKeys(Duration thanksFor) {
        this.thanksFor = thanksFor;
    }

    /** A full key press, as from an on-screen button: {@code pressed} then {@code released}. */
    public void press(RatingLevel level) {
        onThread(() -> {
            listener.pressed(level);
            listener.released(level);
        });
    }

    /** The LEDs lit now. */
    public Set<RatingLevel> litLeds() {
        return lit;
    }

    /** Told the lit LEDs after every change, on the simulator's thread (a JavaFX view must hop to its own). */
    public void setLedListener(Consumer<Set<RatingLevel>> ledListener) {
        this.ledListener = ledListener == null ? lit -> { } : ledListener;
    }

    @Override
    public void setListener(RatingKeyListener listener) {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    @Override
    public void showInvite() {
        onThread(() -> light(EnumSet.allOf(RatingLevel.class)));
    }

    @Override
    public void showThanks(RatingLevel chosen) {
        onThread(() -> {
            light(EnumSet.of(chosen));
            thanksEnd = thread.schedule(() -> light(EnumSet.noneOf(RatingLevel.class)),
                    thanksFor.toNanos(), TimeUnit.NANOSECONDS);
        });
    }

    @Override
    public void off() {
        onThread(() -> light(EnumSet.noneOf(RatingLevel.class)));
    }

    private void light(Set<RatingLevel> now) {
        if (thanksEnd != null) {
            thanksEnd.cancel(false);
            thanksEnd = null;
        }
        lit = Set.copyOf(now);
        ledListener.accept(lit);
    }

    private void onThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closed) {
            // Closed: like a pad that has been unplugged.
        }
    }

    @Override
    public Health health() {
        return Health.OK;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
