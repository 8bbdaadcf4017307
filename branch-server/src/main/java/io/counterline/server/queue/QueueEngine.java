package io.counterline.server.queue;

import io.counterline.protocol.CallsState;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.CounterStatus;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.config.FloorChanges;
import io.counterline.server.config.TellerRoster;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows;
import io.counterline.server.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch's queue, decided in one place (docs/queue-policy.md). This class wires the engine's
 * pieces and is its public face:
 * <ul>
 *   <li>{@link CommitLoop}: the single writer thread and group commit, a savepoint per job;</li>
 *   <li>{@link RequestDispatcher}: requests by role to the {@link KioskDesk} and {@link TellerDesk};</li>
 *   <li>{@link DeviceEvents}: events by role and ownership, values bounded;</li>
 *   <li>{@link Today}: today's memory — {@link TodaysTickets}, {@link Numbering}, {@link CounterSeat}s,
 *       {@link RecentCalls}, {@link RatingArms}, the {@link BusinessDay};</li>
 *   <li>{@link StateProjection}: the retained state, sent after each commit;</li>
 *   <li>{@link PinCheck}: PINs checked and throttled off the engine thread.</li>
 * </ul>
 *
 * <p>A refused request ({@link QueueException}) is refused before anything changes. A job that
 * fails is undone alone: its request is answered {@code STORE_ERROR}, the rest of its batch
 * commits, and memory is rebuilt from the store. An event that cannot be applied stays stored
 * and is acknowledged (it would fail again on every resend). A failed commit rolls the whole batch
 * back and answers every request of it with {@code STORE_ERROR}; its events are not
 * acknowledged, so devices send them again.
 */
public final class QueueEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueEngine.class);

    private final BranchStore store;
    private final Clock clock;
    private final Today today;
    private final StateProjection projection;
    private final RequestDispatcher requests;
    private final DeviceEvents events;
    private final TellerDesk tellers;
    private final PinThrottle throttle = new PinThrottle();
    private final PinCheck pins;
    private final CommitLoop loop;
    private final AtomicLong refusedEvents = new AtomicLong();

    private QueueEngine(BranchConfig config, BranchStore store, Outbound out, Clock clock, TellerRoster roster,
                        FloorChanges floor, PinCheck.Verifier verifier, CounterOrders orders) {
        this.store = store;
        this.clock = clock;
        this.today = new Today(config, roster, floor);
        this.projection = new StateProjection(today, out, clock);
        KioskDesk kiosks = new KioskDesk(today, store, projection, clock);
        this.tellers = new TellerDesk(today, store, projection, clock);
        this.requests = new RequestDispatcher(today, store, kiosks, tellers, clock, orders);
        this.events = new DeviceEvents(today, store, projection, kiosks, clock);
        this.pins = new PinCheck(today::device, roster, throttle, verifier, clock);
        this.loop = new CommitLoop(new CommitLoop.Transactions() {
            @Override
            public <T> T inTransaction(BranchStore.Work<T> work) throws StoreException {
                return store.inTransaction(work);
            }

            @Override
            public <T> T isolated(BranchStore.Work<T> work) throws StoreException {
                return store.isolated(work);
            }
        }, new Hooks());
    }

    /** Loads today from the store, publishes the whole state, and starts the engine thread. */
    public static QueueEngine start(BranchConfig config, BranchStore store, Outbound out, Clock clock)
            throws StoreException {
        return start(config, store, out, clock, TellerRoster.of(config), FloorChanges.NONE,
                PinCheck.Verifier.CONFIGURED);
    }

    /**
     * As {@link #start(BranchConfig, BranchStore, Outbound, Clock)}, tellers looked up in
     * {@code roster} at every sign-in (the console's tellers over the branch file's), services and
     * counters renamed or disabled as {@code floor} says (the console's changes).
     */
    public static QueueEngine start(BranchConfig config, BranchStore store, Outbound out, Clock clock,
                                    TellerRoster roster, FloorChanges floor) throws StoreException {
        return start(config, store, out, clock, roster, floor, PinCheck.Verifier.CONFIGURED);
    }

    /**
     * As {@link #start(BranchConfig, BranchStore, Outbound, Clock, TellerRoster, FloorChanges)}, with
     * the counter callers' work orders going to {@code orders} (the console's supervision).
     */
    public static QueueEngine start(BranchConfig config, BranchStore store, Outbound out, Clock clock,
                                    TellerRoster roster, FloorChanges floor, CounterOrders orders)
            throws StoreException {
        return start(config, store, out, clock, roster, floor, PinCheck.Verifier.CONFIGURED, orders);
    }

    static QueueEngine start(BranchConfig config, BranchStore store, Outbound out, Clock clock,
                             PinCheck.Verifier verifier) throws StoreException {
        return start(config, store, out, clock, TellerRoster.of(config), FloorChanges.NONE, verifier);
    }

    static QueueEngine start(BranchConfig config, BranchStore store, Outbound out, Clock clock,
                             TellerRoster roster, FloorChanges floor, PinCheck.Verifier verifier)
            throws StoreException {
        return start(config, store, out, clock, roster, floor, verifier, CounterOrders.NONE);
    }

    static QueueEngine start(BranchConfig config, BranchStore store, Outbound out, Clock clock,
                             TellerRoster roster, FloorChanges floor, PinCheck.Verifier verifier,
                             CounterOrders orders) throws StoreException {
        QueueEngine engine = new QueueEngine(config, store, out, clock, roster, floor, verifier, orders);
        engine.store.inTransaction(() -> {
            engine.load();
            // Only here: later reloads must not forget wrong PINs counted but not yet stored.
            engine.throttle.restore(engine.store.loadLockouts());
            return null;
        });
        engine.projection.publishAll();
        engine.loop.start();
        log.info("queue engine started: business day {}, {} tickets today, {} counters", engine.today.day.text(),
                engine.today.tickets.size(), engine.today.seats.size());
        return engine;
    }

    // ---------------------------------------------------------------- public API (any thread)

    /** Applies a device's request; the answer completes after the commit. */
    public CompletableFuture<Response> submit(String device, Request request) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        if (request.op() == Operation.TELLER_SIGN_IN) {
            // The PIN is checked first, on its own thread: hashing never holds up the queue. A
            // sign-in may so be overtaken by requests sent after it; callers wait for its answer.
            try {
                pins.check(device, request).whenComplete((verdict, failure) -> loop.enqueue(
                        new RequestJob(device, request, verdict == null ? new PinCheck.Verdict.NotChecked() : verdict,
                                answer)));
            } catch (RejectedExecutionException stopped) {
                loop.enqueue(new RequestJob(device, request, new PinCheck.Verdict.NotChecked(), answer));
            }
        } else {
            loop.enqueue(new RequestJob(device, request, new PinCheck.Verdict.NotChecked(), answer));
        }
        return answer;
    }

    /** Stores device events once and applies them; completes with the new ones after the commit. */
    public CompletableFuture<List<EventEnvelope>> commitEvents(List<EventEnvelope> batch) {
        EventsJob job = new EventsJob(List.copyOf(batch), new CompletableFuture<>());
        loop.enqueue(job);
        return job.done;
    }

    /** Publishes the whole state again, e.g. after the broker came back without its retained messages. */
    public void republish() {
        loop.enqueue(new TickJob(new CompletableFuture<>(), true));
    }

    /** Runs the day check now (the engine also does it by itself every second). */
    public CompletableFuture<Void> tick() {
        TickJob job = new TickJob(new CompletableFuture<>(), false);
        loop.enqueue(job);
        return job.done;
    }

    /** Events stored but refused or not applicable to the queue (wrong role, not the device's own, bad values). */
    public long refusedEvents() {
        return refusedEvents.get();
    }

    @Override
    public void close() {
        loop.close();
        pins.close();
    }

    // ---------------------------------------------------------------- jobs (engine thread)

    private final class RequestJob implements CommitLoop.Job {
        private final String device;
        private final Request request;
        private final PinCheck.Verdict pin;
        private final CompletableFuture<Response> answer;

        RequestJob(String device, Request request, PinCheck.Verdict pin, CompletableFuture<Response> answer) {
            this.device = device;
            this.request = request;
            this.pin = pin;
            this.answer = answer;
        }

        @Override
        public Runnable apply() throws StoreException {
            Response response = requests.answer(device, request, pin);
            return () -> answer.complete(response);
        }

        @Override
        public void fail(Exception cause) {
            if (cause instanceof CommitLoop.Stopped) {
                answer.completeExceptionally(cause); // never taken: nothing to answer
            } else {
                answer.complete(Response.failed(request.id(), QueueError.STORE_ERROR.info()));
            }
        }
    }

    private final class EventsJob implements CommitLoop.Job {
        private final List<EventEnvelope> batch;
        private final CompletableFuture<List<EventEnvelope>> done;

        EventsJob(List<EventEnvelope> batch, CompletableFuture<List<EventEnvelope>> done) {
            this.batch = batch;
            this.done = done;
        }

        @Override
        public Runnable apply() throws StoreException {
            List<EventEnvelope> fresh = store.storeEvents(batch);
            for (EventEnvelope e : fresh) {
                applyOne(e);
            }
            return () -> done.complete(fresh);
        }

        /** One event in its own savepoint: one that cannot be applied never fails the others. */
        private void applyOne(EventEnvelope e) throws StoreException {
            int mark = projection.pendingCommands();
            try {
                if (!store.isolated(() -> events.apply(e))) {
                    refusedEvents.incrementAndGet();
                }
            } catch (StoreException | RuntimeException failure) {
                log.error("event {} ({}) of {} could not be applied; kept as an event only", e.id(), e.type().wire(),
                        e.device(), failure);
                refusedEvents.incrementAndGet();
                projection.dropCommandsFrom(mark);
                load();
            }
        }

        @Override
        public void fail(Exception cause) {
            done.completeExceptionally(cause);
        }
    }

    private final class TickJob implements CommitLoop.Job {
        private final CompletableFuture<Void> done;
        private final boolean republish;

        TickJob(CompletableFuture<Void> done, boolean republish) {
            this.done = done;
            this.republish = republish;
        }

        @Override
        public Runnable apply() {
            return () -> {
                if (republish) {
                    projection.publishAll();
                }
                done.complete(null);
            };
        }

        @Override
        public void fail(Exception cause) {
            done.completeExceptionally(cause);
        }
    }

    private final class Hooks implements CommitLoop.Hooks {
        @Override
        public void begin() throws StoreException {
            checkDay();
        }

        @Override
        public int mark() {
            return projection.pendingCommands();
        }

        @Override
        public void undo(int mark) throws StoreException {
            projection.dropCommandsFrom(mark);
            load();
        }

        @Override
        public void committed(boolean someFailed) {
            if (someFailed) {
                projection.publishAll();
            } else {
                projection.publishChanges();
            }
        }

        @Override
        public void rolledBack() {
            projection.forget();
            try {
                store.inTransaction(() -> {
                    load();
                    return null;
                });
            } catch (StoreException reload) {
                log.error("reloading after a failed commit also failed: {}", reload.getMessage());
            }
        }

        @Override
        public CommitLoop.Job idle() {
            return new TickJob(new CompletableFuture<>(), false);
        }
    }

    // ---------------------------------------------------------------- the business day

    private void checkDay() throws StoreException {
        LocalDate before = today.day.current();
        if (today.day.advanceTo(clock.instant())) {
            log.info("business day {} begins", today.day.text());
            expireOpen(before);
            today.clearDay();
            projection.servicesChanged();
            projection.callsChanged();
            projection.dayChanged();
            store.saveDay(today.day.text());
        }
        // A counter added in the console: a closed seat, published by the look below.
        today.seatNewCounters(clock.instant());
        projection.checkForChanges();
    }

    /** Closes the old day: open tickets expire, counters close, everybody signs in again. */
    private void expireOpen(LocalDate oldDay) throws StoreException {
        if (oldDay == null) {
            return;
        }
        Instant now = clock.instant();
        int expired = 0;
        for (Rows.TicketRow row : store.loadTickets(oldDay.toString())) {
            Ticket t = Ticket.of(row);
            if (t.status.isOpen()) {
                t.status = TicketStatus.EXPIRED;
                t.finishedAt = now;
                store.saveTicket(t.row());
                store.logTicket(t.id, now, "expired", null, null, "business day " + oldDay + " ended");
                expired++;
            }
        }
        for (CounterSeat seat : today.seats.values()) {
            seat.close(now);
            store.saveCounter(seat.row());
            projection.counterChanged(seat.id());
        }
        log.info("business day {} closed: {} open tickets expired", oldDay, expired);
    }

    /** (Re)builds memory from the store: at start, after a failed job, and after a failed commit. */
    private void load() throws StoreException {
        Instant now = clock.instant();
        Optional<String> saved = store.loadDay();
        today.day.reset(saved.map(LocalDate::parse).orElse(null));
        today.clearDay();
        today.resetSeats(now);
        if (today.day.advanceTo(now)) {
            expireOpen(saved.map(LocalDate::parse).orElse(null));
            store.saveDay(today.day.text());
        }
        String day = today.day.text();
        today.numbering.reset(store.loadNumbers(day), store.leases(day));
        List<Ticket> served = new ArrayList<>();
        for (Rows.TicketRow row : store.loadTickets(day)) {
            Ticket t = Ticket.of(row);
            today.tickets.add(t);
            if (t.status == TicketStatus.COMPLETED && t.finishedAt != null) {
                served.add(t);
            }
        }
        served.sort((a, b) -> a.finishedAt.compareTo(b.finishedAt));
        for (Ticket t : served) {
            today.estimator.served(t.service, Duration.between(t.startedAt != null ? t.startedAt : t.calledAt,
                    t.finishedAt));
        }
        loadSeats();
        for (Rows.CallRow c : store.recentCalls(RecentCalls.KEPT)) {
            CounterSeat seat = today.seats.get(c.counter());
            if (seat != null && today.tickets.contains(c.ticket())) {
                today.calls.addOlder(new CallsState.Call(c.id(), c.ticket(), c.number(), c.counter(),
                        today.named(seat.config).nameZh(), today.named(seat.config).nameEn(), c.recall(), c.at()));
            }
        }
        today.ratings.putAll(store.ratingsByTeller(day));
        loadArms(now);
        projection.rememberWhatIsShown();
    }

    private void loadSeats() throws StoreException {
        for (Rows.CounterRow row : store.loadCounters()) {
            CounterSeat seat = today.seats.get(row.id());
            if (seat == null) {
                continue; // a counter removed from the configuration
            }
            seat.status = CounterStatus.valueOf(row.status());
            seat.teller = row.teller();
            seat.ticket = row.ticket() == null ? null : today.tickets.get(row.ticket());
            seat.pauseReason = row.pauseReason();
            seat.since = row.since();
            seat.callId = row.callId();
            if (seat.teller != null && today.tellerRef(seat.teller).isEmpty()) {
                seat.teller = null;
                seat.ticket = null;
                seat.status = CounterStatus.CLOSED;
            }
        }
    }

    /** The arms still open, so that a restart within the rating window sends them again. */
    private void loadArms(Instant now) throws StoreException {
        Map<String, Rows.ArmRow> latestByPad = new HashMap<>();
        for (Rows.ArmRow a : store.openArms(now)) {
            latestByPad.put(a.pad(), a); // oldest first: the newest of each pad stays
        }
        for (Rows.ArmRow a : latestByPad.values()) {
            Ticket t = today.tickets.get(a.ticket());
            if (t != null) {
                today.arms.armed(tellers.armCommand(a.id(), a.pad(), t, today.tellerRef(a.teller()).orElse(null),
                        a.counter(), a.expiresAt(), a.armedAt()), a.expiresAt());
            }
        }
    }
}
