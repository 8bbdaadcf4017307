package io.counterline.server.console;

import io.counterline.console.auth.User;
import io.counterline.console.supervision.Notice;
import io.counterline.console.supervision.Supervision;
import io.counterline.console.supervision.WorkOrder;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.MessageCodec;
import io.counterline.server.queue.Outbound;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervision notices (催办, 督办) to the counter callers where their recipients work: a console
 * user linked to a teller who is signed in at a counter gets a {@code supervision.notice}
 * command on that counter's callers. Where tellers are signed in is learnt from the committed
 * counter state the engine publishes (this is an {@link Outbound} in the engine's chain, passing
 * everything on unchanged).
 *
 * <p>Bounded per caller: at most {@value #BURST} at once, then one per {@link #SPACING}; a notice
 * that finds no room is not sent, and the next one sent says how many were held back
 * ({@code suppressed}), so a storm (many orders overdue at once after a restart) never floods a
 * teller's screen. Nothing is lost: every notice stays listed in the console. Not retained; but
 * when a teller arrives at a counter (signs in, or the server starts with them signed in) their
 * standing notices are sent to its callers, read from the console's store off the engine's
 * thread ({@code caller-notices}).
 */
public final class CallerNotices extends StateTap {
    private static final Logger log = LoggerFactory.getLogger(CallerNotices.class);
    static final int BURST = 3;
    static final Duration SPACING = Duration.ofSeconds(20);

    private final Function<String, List<String>> callersAt;
    private final Clock clock;
    private final Standing standing;
    private final java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "caller-notices");
                t.setDaemon(true);
                return t;
            });
    private final MessageCodec codec = new MessageCodec();
    // Guarded by this: the engine's thread writes the seats, the escalator's reads them.
    private final Map<String, String> counterOfTeller = new HashMap<>();
    private final Map<String, Room> rooms = new HashMap<>();

    /** The standing notices of a teller: {@code Supervision.standingFor}. */
    public interface Standing {
        List<Supervision.Standing> of(String teller) throws SQLException;
    }

    /**
     * @param callersAt the counter callers at a counter (the branch file's and those added in the console)
     * @param standing         a teller's standing notices, sent when they arrive at a counter
     */
    public CallerNotices(Outbound next, Function<String, List<String>> callersAt, Clock clock, Standing standing) {
        super(next);
        this.callersAt = callersAt;
        this.clock = clock;
        this.standing = standing;
    }

    @Override
    public void state(String topic, Object state) {
        if (state instanceof CounterState c) {
            seat(c);
        }
        next.state(topic, state);
    }

    private synchronized void seat(CounterState c) {
        String was = c.teller() == null ? null : counterOfTeller.get(c.teller().id());
        counterOfTeller.values().removeIf(c.counter()::equals);
        if (c.teller() != null && c.status() != CounterStatus.CLOSED) {
            String teller = c.teller().id();
            counterOfTeller.put(teller, c.counter());
            if (!c.counter().equals(was)) {
                reader.execute(() -> arrived(teller, c.counter()));
            }
        }
    }

    /** On {@code caller-notices}: the standing notices of a teller who has just arrived at {@code counter}. */
    private void arrived(String teller, String counter) {
        try {
            for (Supervision.Standing s : standing.of(teller)) {
                synchronized (this) {
                    if (!counter.equals(counterOfTeller.get(teller))) {
                        return; // gone again
                    }
                    Instant now = clock.instant();
                    for (String caller : callersAt.apply(counter)) {
                        send(caller, s.notice(), s.order(), now);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("standing supervision notices of teller {} not sent: {}", teller, e.getMessage());
        }
    }

    /** Lets a read in progress finish; no notices are sent after. */
    public void close() {
        reader.shutdownNow();
    }

    /**
     * Sends {@code notice} to the callers where the tellers among {@code to} are signed in (the
     * teller the order is about is never among them, see {@code Supervision.recipients}).
     *
     * @return the callers it was sent to
     */
    public synchronized List<String> notice(Notice notice, WorkOrder order, List<User> to) {
        Instant now = clock.instant();
        List<String> sent = new java.util.ArrayList<>();
        for (User u : to) {
            String counter = u.teller().map(counterOfTeller::get).orElse(null);
            if (counter == null) {
                continue;
            }
            for (String caller : callersAt.apply(counter)) {
                if (sent.contains(caller)) {
                    continue;
                }
                if (send(caller, notice, order, now)) {
                    sent.add(caller);
                }
            }
        }
        return sent;
    }

    private boolean send(String caller, Notice notice, WorkOrder order, Instant now) {
        Room room = rooms.computeIfAbsent(caller, k -> new Room(now));
        if (!room.take(now)) {
            log.info("supervision notice {} not sent to {}: {} sent lately (see the console)", notice.key(), caller,
                    BURST);
            return false;
        }
        Bodies.SupervisionNotice body = new Bodies.SupervisionNotice(order.id(), notice.level().wire(),
                order.category(), order.deadline(), room.heldBack());
        room.heldBack = 0;
        next.command(new Command(MessageCodec.VERSION, UUID.randomUUID().toString(), caller,
                CommandType.SUPERVISION_NOTICE, now, codec.toBody(body)), false);
        return true;
    }

    /** A token bucket: {@link #BURST} tokens, one back every {@link #SPACING}. */
    private static final class Room {
        private double tokens = BURST;
        private Instant refilled;
        private int heldBack;

        Room(Instant now) {
            this.refilled = now;
        }

        boolean take(Instant now) {
            if (now.isAfter(refilled)) {
                tokens = Math.min(BURST, tokens + (double) Duration.between(refilled, now).toMillis() / SPACING.toMillis());
                refilled = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            heldBack++;
            return false;
        }

        int heldBack() {
            return heldBack;
        }
    }
}
