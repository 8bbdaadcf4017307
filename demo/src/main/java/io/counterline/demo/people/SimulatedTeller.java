package io.counterline.demo.people;

import io.counterline.caller.teller.CounterView;
import io.counterline.caller.teller.TellerController;
import io.counterline.protocol.Bodies.CounterReply;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.TicketRef;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A teller at a counter caller, acting through its {@link TellerController} as the screen's
 * buttons would. Every {@code every} the teller looks at the counter and does the one thing it
 * asks for: sign in, call the next customer, start serving (or, now and then, mark a called
 * customer absent), complete (on average after three looks). When a request went unanswered the
 * teller presses Retry, which asks again with the same request id, so nothing is done twice.
 *
 * <p>Acts on its own thread, {@code simulated-teller-<counter>}, one request at a time.
 */
public final class SimulatedTeller implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(SimulatedTeller.class);
    /** Far longer than a request takes: the controller gives up after the device's request timeout. */
    private static final long ANSWER_WAIT_SECONDS = 10;

    private final TellerController controller;
    private final String counter;
    private final String teller;
    private final String pin;
    private final Duration every;
    private final double noShowChance;
    private final Random random;
    private final DayLog log;
    private final ScheduledExecutorService thread;
    /** Confined to the teller's thread: what to tell once the request that went unanswered is answered on retry. */
    private Consumer<CounterReply> unanswered;

    /**
     * @param noShowChance the chance, 0 to 1, that a called customer does not come
     */
    public SimulatedTeller(TellerController controller, String counter, String teller, String pin, Duration every,
                           double noShowChance, Random random, DayLog log) {
        if (noShowChance < 0 || noShowChance > 1) {
            throw new IllegalArgumentException("noShowChance must be 0 to 1, got " + noShowChance);
        }
        this.controller = controller;
        this.counter = counter;
        this.teller = teller;
        this.pin = pin;
        this.every = every;
        this.noShowChance = noShowChance;
        this.random = random;
        this.log = log;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulated-teller-" + counter);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Signs in and waits for the answer, at most {@code timeout}; the teller signs in again by
     * itself later whenever the counter shows nobody signed in.
     *
     * @return whether the server accepted the sign-in
     */
    public boolean signIn(Duration timeout) throws InterruptedException {
        try {
            controller.signIn(teller, pin).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.signedIn(counter, teller);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            logger.info("{} not signed in at {}: {}", teller, counter, e.getMessage());
            return false;
        }
    }

    /** Starts looking at the counter every {@code every}. */
    public void start() {
        thread.scheduleWithFixedDelay(this::act, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void act() {
        try {
            look();
        } catch (RuntimeException e) {
            // A failed look must not end the schedule: the teller looks again next time.
            logger.error("simulated teller at {} failed", counter, e);
        }
    }

    private void look() {
        CounterView view = controller.view();
        if (!view.connected() || view.busy()) {
            return;
        }
        if (!view.serverAnswers()) {
            Consumer<CounterReply> report = unanswered != null ? unanswered : reply -> { };
            ask(controller::retry, report);
            return;
        }
        if (!view.signedIn()) {
            ask(() -> controller.signIn(teller, pin), reply -> log.signedIn(counter, teller));
            return;
        }
        TicketRef ticket = view.ticket();
        if (ticket == null && view.status() != CounterStatus.IDLE) {
            return;
        }
        switch (view.status()) {
            case IDLE -> ask(controller::callNext, reply -> {
                if (reply.counter().ticket() != null) {
                    log.called(counter, reply.counter().ticket().number());
                }
            });
            case CALLING -> {
                if (random.nextDouble() < noShowChance) {
                    ask(controller::noShow, reply -> log.noShow(counter, ticket.number()));
                } else {
                    ask(controller::start, reply -> log.serving(counter, ticket.number()));
                }
            }
            case SERVING -> {
                if (random.nextInt(3) == 0) {
                    ask(controller::complete, reply -> log.completed(counter, ticket.number()));
                }
            }
            default -> {
                // Paused or closed: a simulated teller neither pauses nor leaves.
            }
        }
    }

    /** Asks and tells what came of it; "nobody is waiting" and the like are simply tried again later. */
    private void ask(Supplier<CompletableFuture<CounterReply>> action, Consumer<CounterReply> report) {
        try {
            CounterReply reply = action.get().get(ANSWER_WAIT_SECONDS, TimeUnit.SECONDS);
            unanswered = null;
            report.accept(reply);
        } catch (ExecutionException | TimeoutException e) {
            // The controller shows an unanswered request as "the server does not answer" (then Retry).
            unanswered = controller.view().serverAnswers() ? null : report;
            logger.debug("{} at {}: {}", teller, counter, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
