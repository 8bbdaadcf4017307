package io.counterline.pad.rating;

import io.counterline.device.DeviceRuntime;
import io.counterline.device.ModelLoop;
import io.counterline.outbox.OutboxException;
import io.counterline.pad.keys.RatingKeyListener;
import io.counterline.pad.keys.RatingKeys;
import io.counterline.pad.voice.PadVoice;
import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.Bodies.RatingGiven;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import io.counterline.protocol.RatingLevel;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that changes the pad's {@link PadState}: arms from the server, presses from the
 * keys or the screen, expiry and the end of the thank-you, one at a time in order on one thread
 * named {@code rating-pad}.
 *
 * <p>A press while armed is committed to the outbox ({@link DeviceRuntime#record} returns after
 * the durable commit) <em>before</em> any feedback, so a rating the customer was thanked for
 * reaches the server even if the power goes right after. The path is kept short for the
 * press-to-LED latency: key thread → this thread → outbox commit → LED command; the arm is
 * marked used only after the LED command (see {@link #start} for why that is safe).
 *
 * <p>Health parts: {@code keys} (stuck keys, LED faults, presses while not armed) and
 * {@code rating} (arms for another counter, a rating that could not be stored).
 */
public final class RatingController implements AutoCloseable {
    static final String THREAD = "rating-pad";
    /** This many presses in a row with no arm hint at a pad the server does not arm: degraded. */
    static final int UNARMED_PRESSES_DEGRADED_AT = 20;
    private static final Logger log = LoggerFactory.getLogger(RatingController.class);
    private static final int OUTBOX_PAGE = 500;
    /** How long closing lets an action in progress (an outbox commit) finish. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final String counter;
    private final Duration thanksFor;
    private final DeviceRuntime runtime;
    private final RatingKeys keys;
    private final UsedArms used;
    private final PadVoice voice;
    private final ModelLoop<PadState> loop = new ModelLoop<>(THREAD, PadState.STARTING, CLOSE_WAIT);
    private PadState state = loop.model(); // confined to the loop, as is the timer
    private Future<?> timer; // the arm's expiry or the end of thanks

    /**
     * @param counter   the counter this pad stands at; arms for any other are refused
     * @param thanksFor how long the thank-you is shown
     */
    public RatingController(String counter, Duration thanksFor, DeviceRuntime runtime, RatingKeys keys,
                            UsedArms used, PadVoice voice) {
        this.counter = counter;
        this.thanksFor = thanksFor;
        this.runtime = runtime;
        this.keys = keys;
        this.used = used;
        this.voice = voice;
    }

    /**
     * Listens to the keys and the server's commands. First, on its thread, it marks used the
     * arms of ratings still in the outbox: a pad that died between committing a rating and
     * marking its arm used is not armed again by the retained arm.
     */
    public void start() {
        run(() -> {
            rememberUnacknowledgedRatings();
            reportKeys();
        });
        keys.setListener(new RatingKeyListener() {
            @Override
            public void pressed(RatingLevel level) {
                press(level);
            }

            @Override
            public void stuck(RatingLevel level) {
                run(RatingController.this::reportKeys);
            }

            @Override
            public void released(RatingLevel level) {
                run(RatingController.this::reportKeys);
            }
        });
        runtime.onCommand(c -> run(() -> onCommand(c)));
        log.info("rating pad at counter {} ready", counter);
    }

    /** What the pad shows now; any thread. */
    public PadState state() {
        return loop.model();
    }

    /**
     * Calls {@code listener} with the current state, then with every new one, on the
     * controller's thread: a JavaFX view must hop to its own thread and return quickly.
     */
    public void onChange(Consumer<PadState> listener) {
        loop.subscribe(listener);
    }

    /** Arms the pad for one transaction, as the {@code rating.arm} command does; any thread. */
    public void arm(RatingArm arm) {
        run(() -> doArm(arm));
    }

    /** A key (or the screen's button for it) was pressed; any thread. */
    public void press(RatingLevel level) {
        run(() -> doPress(level));
    }

    private void onCommand(Command command) {
        if (command.type() != CommandType.RATING_ARM) {
            log.debug("command {} is not for a rating pad", command.type().wire());
            return;
        }
        runtime.codec().decodeBody(command.body(), RatingArm.class).ifAccepted(this::doArm,
                r -> log.warn("bad rating.arm {}: {}", command.id(), r));
    }

    private void doArm(RatingArm arm) {
        if (!arm.counter().equals(counter)) {
            String reason = "arm for counter " + arm.counter() + " refused: this pad is at counter " + counter;
            log.warn("rating.arm {}: {} (check rating-pad.counter and the server's pad binding)", arm.armId(), reason);
            runtime.health().report("rating", Health.degraded(reason));
            return;
        }
        if (state.arm() != null && state.arm().armId().equals(arm.armId())) {
            log.debug("rating.arm {} delivered again while held", arm.armId());
            return;
        }
        if (isUsed(arm)) {
            log.info("rating.arm {} (ticket {}) ignored: already used", arm.armId(), arm.ticket().number());
            return;
        }
        Duration holdFor = holdFor(arm);
        if (holdFor.isNegative() || holdFor.isZero()) {
            log.info("rating.arm {} (ticket {}) ignored: expired at {} (server time)", arm.armId(),
                    arm.ticket().number(), arm.expiresAt());
            markUsed(arm, UsedArms.Outcome.EXPIRED);
            return;
        }
        if (state.phase() == PadState.Phase.ARMED) {
            log.info("rating.arm {} replaces {} before it was rated", arm.armId(), state.arm().armId());
            markUsed(state.arm(), UsedArms.Outcome.REPLACED);
        }
        cancelTimer();
        keys.showInvite();
        setState(state.armed(arm));
        runtime.health().report("rating", Health.OK);
        reportKeys();
        // The loop's timer runs on the monotonic clock: setting the wall clock does not move it.
        timer = loop.after(holdFor, () -> expire(arm));
        log.info("armed: ticket {} teller {} for {} ms", arm.ticket().number(), arm.teller().id(), holdFor.toMillis());
    }

    /**
     * How long to hold an arm from now, its receipt. The server's time-to-live, never trusting
     * this pad's wall clock, which may be minutes off (a Pi has no real-time clock). Once the
     * clock offset is known, also no later than the server's {@code expiresAt}, so a retained
     * arm delivered again after a restart does not start over. From an older server without a
     * time-to-live: {@code expiresAt} against this clock corrected by the offset (if known).
     */
    private Duration holdFor(RatingArm arm) {
        Optional<Duration> offset = runtime.clockOffset().estimate();
        Instant serverNow = runtime.clockOffset().toServerTime(runtime.clock().instant());
        Duration byServerClock = Duration.between(serverNow, arm.expiresAt());
        if (arm.ttlMs() == null) {
            return byServerClock;
        }
        Duration ttl = Duration.ofMillis(arm.ttlMs());
        return offset.isPresent() && byServerClock.compareTo(ttl) < 0 ? byServerClock : ttl;
    }

    private void doPress(RatingLevel level) {
        if (state.phase() != PadState.Phase.ARMED) {
            setState(state.pressedUnarmed());
            reportKeys();
            log.debug("key {} pressed while not armed: ignored", level.label());
            return;
        }
        RatingArm arm = state.arm();
        try {
            runtime.record(EventType.RATING_GIVEN, new RatingGiven(arm.armId(), arm.ticket().id(), arm.counter(),
                    arm.teller().id(), level));
        } catch (OutboxException e) {
            // No thanks for a rating that is not stored: the LEDs keep inviting, a press may retry.
            log.error("rating {} for ticket {} not stored: {}", level.wire(), arm.ticket().number(), e.getMessage());
            runtime.health().report("rating", Health.degraded("rating not stored: " + e.getMessage()));
            return;
        }
        keys.showThanks(level);
        cancelTimer();
        setState(state.thanks(level));
        voice.thanks();
        timer = loop.after(thanksFor, this::endThanks);
        runtime.health().report("rating", Health.OK);
        markUsed(arm, UsedArms.Outcome.RATED);
        log.info("rated {}: ticket {} teller {}", level.wire(), arm.ticket().number(), arm.teller().id());
    }

    private void expire(RatingArm arm) {
        if (state.phase() == PadState.Phase.ARMED && state.arm().armId().equals(arm.armId())) {
            keys.off();
            setState(state.idle());
            markUsed(arm, UsedArms.Outcome.EXPIRED);
            log.info("rating.arm {} (ticket {}) expired unrated", arm.armId(), arm.ticket().number());
        }
    }

    private void endThanks() {
        if (state.phase() == PadState.Phase.THANKS) {
            setState(state.idle());
        }
    }

    private boolean isUsed(RatingArm arm) {
        try {
            return used.contains(arm.armId());
        } catch (SQLException e) {
            // Arm anyway: a lost rating is worse than a second one, which the server drops (one per ticket).
            log.error("used arms cannot be read ({}); arming {} anyway", e.getMessage(), arm.armId());
            runtime.health().report("rating", Health.degraded("used arms file unreadable: " + e.getMessage()));
            return false;
        }
    }

    private void markUsed(RatingArm arm, UsedArms.Outcome outcome) {
        try {
            used.add(arm.armId(), outcome);
        } catch (SQLException e) {
            log.error("arm {} not marked {}: {}", arm.armId(), outcome, e.getMessage());
            runtime.health().report("rating", Health.degraded("used arms file unwritable: " + e.getMessage()));
        }
    }

    private void rememberUnacknowledgedRatings() {
        try {
            long after = 0;
            List<EventEnvelope> page;
            do {
                page = runtime.outbox().pendingAfter(after, OUTBOX_PAGE);
                for (EventEnvelope e : page) {
                    after = e.seq();
                    if (e.type() == EventType.RATING_GIVEN) {
                        runtime.codec().decodeBody(e.body(), RatingGiven.class).ifAccepted(
                                r -> markUsed(r.armId()), r -> log.warn("outbox event {} unreadable: {}", e.id(), r));
                    }
                }
            } while (page.size() == OUTBOX_PAGE);
        } catch (OutboxException e) {
            log.error("outbox not read at start: {}", e.getMessage());
        }
    }

    private void markUsed(String armId) {
        try {
            used.add(armId, UsedArms.Outcome.RATED);
        } catch (SQLException e) {
            log.error("arm {} not marked rated: {}", armId, e.getMessage());
        }
    }

    /** The keys' own health, with the presses while not armed counted in the reason. */
    private void reportKeys() {
        Health hardware = keys.health();
        int presses = state.unarmedPresses();
        if (presses == 0) {
            runtime.health().report("keys", hardware);
            return;
        }
        String counted = presses + (presses == 1 ? " press" : " presses") + " while not armed";
        HealthLevel level = presses >= UNARMED_PRESSES_DEGRADED_AT && hardware.level() == HealthLevel.OK
                ? HealthLevel.DEGRADED : hardware.level();
        String reason = hardware.reason().isEmpty() ? counted : hardware.reason() + "; " + counted;
        runtime.health().report("keys", new Health(level, reason));
    }

    private void setState(PadState next) {
        state = next;
        loop.publish(next);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void run(Runnable task) {
        loop.execute(task);
    }

    /** Stops listening and lets a running action (an outbox commit) finish; never throws. */
    @Override
    public void close() {
        keys.setListener(null);
        loop.close();
    }
}
