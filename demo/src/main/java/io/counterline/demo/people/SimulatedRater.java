package io.counterline.demo.people;

import io.counterline.pad.PadNode;
import io.counterline.pad.rating.PadState;
import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.RatingLevel;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The customers at a rating pad: each time the pad is armed for a completed transaction, that
 * transaction's customer presses one of the keys after {@code thinking}, through the pad's
 * simulated keys ({@link PadNode#press}). A customer whose arm was replaced by the next one
 * before the press (the teller was quicker) walks away without rating.
 *
 * <p>Presses on its own thread, {@code simulated-rater-<pad>}; tells {@link DayLog#rated} on the
 * pad's controller thread once the pad has committed the rating.
 */
public final class SimulatedRater implements AutoCloseable {
    private final PadNode pad;
    private final String padId;
    private final Duration thinking;
    private final Random random;
    private final DayLog log;
    private final ScheduledExecutorService thread;
    // Confined to the pad's controller thread, where its state listeners run.
    private String lastArmed;
    private String lastRated;

    public SimulatedRater(PadNode pad, Duration thinking, Random random, DayLog log) {
        this.pad = pad;
        this.padId = pad.runtime().settings().id();
        this.thinking = thinking;
        this.random = random;
        this.log = log;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulated-rater-" + padId);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        pad.controller().onChange(this::changed);
    }

    private void changed(PadState state) {
        RatingArm arm = state.arm();
        if (state.phase() == PadState.Phase.ARMED && !arm.armId().equals(lastArmed)) {
            lastArmed = arm.armId();
            try {
                thread.schedule(() -> rate(arm), thinking.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // closed: nobody is left to rate
            }
        } else if (state.phase() == PadState.Phase.THANKS && !arm.armId().equals(lastRated)) {
            lastRated = arm.armId();
            log.rated(padId, arm, state.given());
        }
    }

    private void rate(RatingArm arm) {
        PadState now = pad.state();
        if (now.phase() == PadState.Phase.ARMED && now.arm().armId().equals(arm.armId())) {
            pad.press(RatingLevel.values()[random.nextInt(RatingLevel.values().length)]);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
