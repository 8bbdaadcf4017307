package io.counterline.server.queue;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.CallsState;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.DayState;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.ServicesState;
import io.counterline.protocol.SignageState;
import io.counterline.protocol.TellerRef;
import io.counterline.protocol.TicketIds;
import io.counterline.protocol.Topics;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.config.CounterConfig;
import io.counterline.server.config.ServiceConfig;
import io.counterline.server.config.TellerConfig;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows;
import io.counterline.server.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch's queue, decided in one place: a single thread ("queue-engine") applies requests
 * and device events in arrival order. Jobs that arrive together are applied in one store
 * transaction (group commit); answers, commands and state go out only after that commit, so no
 * device ever shows a number the store does not have.
 *
 * <p>A refused request ({@link QueueException}) is refused before anything changes. A failed
 * commit rolls the whole batch back, reloads the engine's memory from the store, and answers
 * every request of the batch with {@code STORE_ERROR}; events of the batch are not acknowledged,
 * so devices send them again.
 */
public final class QueueEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueEngine.class);
    private static final int MAX_BATCH = 256;
    private static final int RECENT_CALLS = 10;

    private final BranchConfig config;
    private final BranchStore store;
    private final Outbound out;
    private final Clock clock;
    private final Topics topics;
    private final MessageCodec codec = new MessageCodec();
    private final RoutingPolicy routing;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    // Engine-thread state: today's tickets and the counters, mirrored in the store.
    private final BusinessDay day;
    private final Map<String, Ticket> tickets = new LinkedHashMap<>();
    private final Map<String, Ticket> byNumber = new HashMap<>();
    private final Map<String, Integer> nextNumber = new HashMap<>();
    /** Today's waiting tickets by service: kept by {@link #setStatus}, so counts cost nothing. */
    private final Map<String, Set<Ticket>> waitingByService = new HashMap<>();
    private final Map<String, CounterSeat> seats = new LinkedHashMap<>();
    private final Deque<CallsState.Call> recentCalls = new ArrayDeque<>();
    private final Map<String, Map<RatingLevel, Integer>> ratings = new HashMap<>();
    /** Each pad's arm not yet rated, as sent: given again when the broker has lost it. */
    private final Map<String, Command> openArms = new HashMap<>();
    private WaitEstimator estimator;

    // What changed in the current batch, published after its commit.
    private final Set<String> dirtyCounters = new LinkedHashSet<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean servicesDirty;
    private boolean callsDirty;
    private boolean dayDirty;
    private Map<String, Boolean> lastOpen = Map.of();

    private QueueEngine(BranchConfig config, BranchStore store, Outbound out, Clock clock) {
        this.config = config;
        this.store = store;
        this.out = out;
        this.clock = clock;
        this.topics = Topics.of(config.branch().id());
        this.routing = new RoutingPolicy(config.queue().ageingStep());
        this.day = new BusinessDay(config.branch().zone(), config.queue().rolloverHour(), null);
        this.thread = new Thread(this::run, "queue-engine");
        this.thread.setDaemon(true);
    }

    /** Loads today from the store, publishes the whole state, and starts the engine thread. */
    public static QueueEngine start(BranchConfig config, BranchStore store, Outbound out, Clock clock)
            throws StoreException {
        QueueEngine engine = new QueueEngine(config, store, out, clock);
        engine.store.inTransaction(() -> {
            engine.load();
            return null;
        });
        engine.publishAll();
        engine.thread.start();
        log.info("queue engine started: business day {}, {} tickets today, {} counters", engine.day.text(),
                engine.tickets.size(), engine.seats.size());
        return engine;
    }

    // ---------------------------------------------------------------- public API (any thread)

    /** Applies a device's request; the answer completes after the commit. */
    public CompletableFuture<Response> submit(String device, Request request) {
        RequestJob job = new RequestJob(device, request, new CompletableFuture<>());
        enqueue(job, job.answer);
        return job.answer;
    }

    /** Stores device events once and applies them; completes with the new ones after the commit. */
    public CompletableFuture<List<EventEnvelope>> commitEvents(List<EventEnvelope> events) {
        EventsJob job = new EventsJob(List.copyOf(events), new CompletableFuture<>());
        enqueue(job, job.done);
        return job.done;
    }

    /** Publishes the whole state again, e.g. after the broker came back without its retained messages. */
    public void republish() {
        enqueue(new TickJob(new CompletableFuture<>(), true), new CompletableFuture<>());
    }

    /** Runs the day check now (the engine also does it by itself every second). */
    public CompletableFuture<Void> tick() {
        TickJob job = new TickJob(new CompletableFuture<>(), false);
        enqueue(job, job.done);
        return job.done;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(Job job, CompletableFuture<?> future) {
        if (!running) {
            future.completeExceptionally(new IllegalStateException("queue engine is stopped"));
            return;
        }
        jobs.add(job);
    }

    // ---------------------------------------------------------------- the engine thread

    private sealed interface Job permits RequestJob, EventsJob, TickJob {
    }

    private record RequestJob(String device, Request request, CompletableFuture<Response> answer) implements Job {
    }

    private record EventsJob(List<EventEnvelope> events, CompletableFuture<List<EventEnvelope>> done) implements Job {
    }

    private record TickJob(CompletableFuture<Void> done, boolean republish) implements Job {
    }

    private void run() {
        List<Job> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Job first = jobs.poll(1, TimeUnit.SECONDS);
                batch.add(first == null ? new TickJob(new CompletableFuture<>(), false) : first);
                jobs.drainTo(batch, MAX_BATCH - 1);
                applyBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("queue engine batch failed; reloading from the store", e);
                failBatch(batch, e);
            } finally {
                batch.clear();
            }
        }
        for (Job j : jobs) {
            failJob(j, new IllegalStateException("queue engine stopped"));
        }
    }

    private void applyBatch(List<Job> batch) {
        List<Runnable> results = new ArrayList<>(batch.size());
        try {
            store.inTransaction(() -> {
                checkDay();
                for (Job job : batch) {
                    results.add(apply(job));
                }
                return null;
            });
        } catch (StoreException e) {
            log.error("commit failed, batch of {} rolled back: {}", batch.size(), e.getMessage());
            failBatch(batch, e);
            return;
        }
        // State first, then answers: a device that hears its answer finds the state already there.
        afterCommit.forEach(Runnable::run);
        afterCommit.clear();
        publishDirty();
        results.forEach(Runnable::run);
    }

    private void failBatch(List<Job> batch, Exception cause) {
        afterCommit.clear();
        clearDirty();
        try {
            store.inTransaction(() -> {
                load();
                return null;
            });
        } catch (StoreException reload) {
            log.error("reloading after a failed commit also failed: {}", reload.getMessage());
        }
        batch.forEach(j -> failJob(j, cause));
    }

    private void failJob(Job job, Exception cause) {
        if (job instanceof RequestJob r) {
            r.answer.complete(Response.failed(r.request.id(), QueueError.STORE_ERROR.info()));
        } else if (job instanceof EventsJob e) {
            e.done.completeExceptionally(cause);
        } else if (job instanceof TickJob t) {
            t.done.completeExceptionally(cause);
        }
    }

    /** Applies one job inside the open transaction; returns what completes it after the commit. */
    private Runnable apply(Job job) throws StoreException {
        if (job instanceof RequestJob r) {
            Response response = answer(r.device, r.request);
            return () -> r.answer.complete(response);
        }
        if (job instanceof EventsJob e) {
            List<EventEnvelope> fresh = store.storeEvents(e.events);
            for (EventEnvelope event : fresh) {
                applyEvent(event);
            }
            return () -> e.done.complete(fresh);
        }
        TickJob t = (TickJob) job;
        return () -> {
            if (t.republish) {
                publishAll();
            }
            t.done.complete(null);
        };
    }

    // ---------------------------------------------------------------- requests

    private Response answer(String device, Request request) throws StoreException {
        Optional<String> earlier = store.findResponse(device, request.id());
        if (earlier.isPresent()) {
            return codec.decode(earlier.get().getBytes(StandardCharsets.UTF_8), Response.class).orThrow();
        }
        if (request.expiredAt(clock.instant())) {
            // The device gave up waiting: acting now would do what nobody waits for (a ticket
            // besides the offline slip, a block leased again). Not stored: every copy of this id
            // carries the same deadline.
            log.info("{} {} {} expired at {}; not acted on", device, request.op().wire(), request.id(),
                    request.deadline());
            return Response.failed(request.id(), QueueError.EXPIRED.info());
        }
        Response response;
        try {
            response = Response.ok(request.id(), codec.toBody(perform(device, request)));
        } catch (QueueException e) {
            log.debug("{} {} refused: {}", device, request.op().wire(), e.getMessage());
            response = Response.failed(request.id(), e.error().info());
        }
        store.saveResponse(device, request.id(), request.op().wire(), clock.instant(),
                new String(codec.encode(response), StandardCharsets.UTF_8));
        return response;
    }

    private Object perform(String device, Request r) throws QueueException, StoreException {
        BranchConfig.Device d = config.device(device).orElseThrow(() -> QueueError.NOT_ALLOWED.because(
                "unknown device " + device));
        return switch (r.op()) {
            case TICKET_ISSUE -> issue(kiosk(d), args(r, Bodies.IssueTicket.class));
            case BLOCK_LEASE -> lease(kiosk(d), args(r, Bodies.LeaseBlock.class));
            case TELLER_SIGN_IN -> signIn(seatOf(d), args(r, Bodies.SignIn.class));
            case TELLER_SIGN_OUT -> signOut(seatOf(d));
            case CALL_NEXT -> callNext(seatOf(d));
            case CALL_TICKET -> callTicket(seatOf(d), args(r, Bodies.CallTicket.class));
            case CALL_RECALL -> recall(seatOf(d));
            case SERVICE_START -> start(seatOf(d));
            case SERVICE_COMPLETE -> complete(seatOf(d));
            case TICKET_NO_SHOW -> noShow(seatOf(d));
            case TICKET_TRANSFER -> transfer(seatOf(d), args(r, Bodies.Transfer.class));
            case COUNTER_PAUSE -> pause(seatOf(d), args(r, Bodies.Pause.class));
            case COUNTER_RESUME -> resume(seatOf(d));
        };
    }

    private <T> T args(Request r, Class<T> type) throws QueueException {
        Decoded<T> d = codec.decodeBody(r.args(), type);
        if (d instanceof Decoded.Accepted<T> a) {
            return a.message();
        }
        throw QueueError.BAD_ARGS.because(((Decoded.Rejected<T>) d).rejection().toString());
    }

    private static String kiosk(BranchConfig.Device d) throws QueueException {
        if (d.role() != DeviceRole.KIOSK) {
            throw QueueError.NOT_ALLOWED.because(d.id() + " is a " + d.role().wire() + ", not a kiosk");
        }
        return d.id();
    }

    private CounterSeat seatOf(BranchConfig.Device d) throws QueueException {
        if (d.role() != DeviceRole.COUNTER_CALLER) {
            throw QueueError.NOT_ALLOWED.because(d.id() + " is a " + d.role().wire() + ", not a counter caller");
        }
        // The configuration guarantees every counter caller a counter.
        return seats.get(d.counter().orElseThrow());
    }

    private ServiceConfig service(String id) throws QueueException {
        return config.service(id).orElseThrow(() -> QueueError.UNKNOWN_SERVICE.because(id));
    }

    private Bodies.IssuedTicket issue(String kiosk, Bodies.IssueTicket args) throws QueueException, StoreException {
        ServiceConfig s = service(args.service());
        Instant now = clock.instant();
        if (!s.isOpenAt(localTime(now))) {
            throw QueueError.SERVICE_CLOSED.because(s.id() + " is open " + s.hours());
        }
        int n = takeNumbers(s, 1);
        Ticket t = new Ticket(TicketIds.of(config.branch().id(), day.text(), s.number(n)), day.text(), s.id(), n,
                s.number(n), now, kiosk, false);
        add(t);
        store.logTicket(t.id, now, "issued", null, null, kiosk);
        int ahead = waitingCount(s.id()) - 1;
        return new Bodies.IssuedTicket(t.ref(), s.nameZh(), s.nameEn(), config.branch().name(), ahead,
                estimator.estimateSeconds(s.id(), ahead, openCounters(s.id())));
    }

    private Bodies.BlockLease lease(String kiosk, Bodies.LeaseBlock args) throws QueueException, StoreException {
        ServiceConfig s = service(args.service());
        int first = takeNumbers(s, args.size());
        int last = Math.min(s.last(), first + args.size() - 1);
        store.insertLease(new Rows.LeaseRow(kiosk, day.text(), s.id(), first, last));
        log.info("{} leased {}{}..{} for {}", kiosk, s.prefix(), first, last, day.text());
        return new Bodies.BlockLease(s.id(), s.prefix(), day.text(), first, last);
    }

    /** Reserves up to {@code count} numbers (at least one) of today; never hands one out twice. */
    private int takeNumbers(ServiceConfig s, int count) throws QueueException, StoreException {
        int next = nextNumber.getOrDefault(s.id(), s.first());
        if (next > s.last()) {
            throw QueueError.NUMBERS_EXHAUSTED.because(s.id() + " reached " + s.number(s.last()));
        }
        int after = Math.min(s.last(), next + count - 1) + 1;
        nextNumber.put(s.id(), after);
        store.saveNumber(day.text(), s.id(), after);
        return next;
    }

    private Bodies.CounterReply signIn(CounterSeat seat, Bodies.SignIn args) throws QueueException, StoreException {
        TellerConfig teller = config.tellers().stream().filter(t -> t.id().equals(args.teller())).findFirst()
                .orElseThrow(() -> QueueError.UNKNOWN_TELLER.because(args.teller()));
        if (!teller.pin().matches(args.pin())) {
            throw QueueError.BAD_PIN.because(teller.id());
        }
        for (CounterSeat other : seats.values()) {
            if (other != seat && teller.id().equals(other.teller)) {
                throw QueueError.TELLER_ELSEWHERE.because(teller.id() + " at " + other.id());
            }
        }
        if (seat.ticket != null && !teller.id().equals(seat.teller)) {
            throw QueueError.FINISH_CURRENT_FIRST.because(seat.teller + " is serving " + seat.ticket.number);
        }
        if (!teller.id().equals(seat.teller)) {
            seat.teller = teller.id();
            seat.pauseReason = null;
            seat.set(CounterStatus.IDLE, clock.instant());
            saveSeat(seat);
        }
        return reply(seat);
    }

    private Bodies.CounterReply signOut(CounterSeat seat) throws QueueException, StoreException {
        signedIn(seat);
        if (seat.ticket != null) {
            throw QueueError.FINISH_CURRENT_FIRST.because(seat.ticket.number);
        }
        String teller = seat.teller;
        seat.teller = null;
        seat.pauseReason = null;
        seat.set(CounterStatus.CLOSED, clock.instant());
        saveSeat(seat);
        Bodies.CounterReply reply = reply(seat);
        return new Bodies.CounterReply(reply.counter(), tellerDay(teller));
    }

    private Bodies.CounterReply callNext(CounterSeat seat) throws QueueException, StoreException {
        signedIn(seat);
        notPaused(seat);
        Instant now = clock.instant();
        Optional<RoutingPolicy.Choice> choice = routing.choose(seat.id(), seat.config.services(),
                waiting().toList(), now);
        if (choice.isEmpty() && seat.ticket == null) {
            throw QueueError.NO_TICKET_WAITING.get();
        }
        if (seat.ticket != null) {
            // One button does it all at a counter without a screen: finish, then call.
            finish(seat, now);
        }
        if (choice.isPresent()) {
            call(seat, choice.get().ticket(), choice.get().reason(), now);
        }
        return reply(seat);
    }

    private Bodies.CounterReply callTicket(CounterSeat seat, Bodies.CallTicket args)
            throws QueueException, StoreException {
        signedIn(seat);
        notPaused(seat);
        if (seat.ticket != null) {
            throw QueueError.FINISH_CURRENT_FIRST.because(seat.ticket.number);
        }
        Ticket t = byNumber.get(args.number());
        if (t == null || t.status != TicketStatus.WAITING) {
            throw QueueError.UNKNOWN_TICKET.because(args.number());
        }
        boolean here = t.directedCounter != null ? t.directedCounter.equals(seat.id())
                : seat.config.services().containsKey(t.service);
        if (!here) {
            throw QueueError.NOT_SERVED_HERE.because(t.number + " is for " + t.service);
        }
        call(seat, t, "called by number", clock.instant());
        return reply(seat);
    }

    private Bodies.CounterReply recall(CounterSeat seat) throws QueueException, StoreException {
        signedIn(seat);
        Ticket t = current(seat);
        if (t.status != TicketStatus.CALLED) {
            throw QueueError.WRONG_STATE.because(t.number + " is " + t.status);
        }
        if (t.recalls >= config.queue().recallLimit()) {
            throw QueueError.RECALL_LIMIT.because(t.recalls + " recalls");
        }
        t.recalls++;
        store.saveTicket(t);
        recordCall(seat, t, "recall " + t.recalls, clock.instant());
        return reply(seat);
    }

    private Bodies.CounterReply start(CounterSeat seat) throws QueueException, StoreException {
        signedIn(seat);
        Ticket t = current(seat);
        if (t.status != TicketStatus.CALLED) {
            throw QueueError.WRONG_STATE.because(t.number + " is " + t.status);
        }
        Instant now = clock.instant();
        setStatus(t, TicketStatus.SERVING);
        t.startedAt = now;
        store.saveTicket(t);
        store.logTicket(t.id, now, "started", seat.id(), seat.teller, null);
        seat.set(CounterStatus.SERVING, now);
        saveSeat(seat);
        return reply(seat);
    }

    private Bodies.CounterReply complete(CounterSeat seat) throws QueueException, StoreException {
        signedIn(seat);
        current(seat);
        finish(seat, clock.instant());
        return reply(seat);
    }

    private Bodies.CounterReply noShow(CounterSeat seat) throws QueueException, StoreException {
        signedIn(seat);
        Ticket t = current(seat);
        if (t.status != TicketStatus.CALLED) {
            throw QueueError.WRONG_STATE.because(t.number + " is being served");
        }
        Instant now = clock.instant();
        setStatus(t, TicketStatus.NO_SHOW);
        t.finishedAt = now;
        store.saveTicket(t);
        store.logTicket(t.id, now, "no-show", seat.id(), seat.teller, null);
        free(seat, now);
        return reply(seat);
    }

    private Bodies.CounterReply transfer(CounterSeat seat, Bodies.Transfer args) throws QueueException, StoreException {
        signedIn(seat);
        Ticket t = current(seat);
        if (args.toService() != null) {
            service(args.toService());
        } else if (!seats.containsKey(args.toCounter())) {
            throw QueueError.UNKNOWN_COUNTER.because(args.toCounter());
        }
        Instant now = clock.instant();
        // Back in the queue with its original issue time, so it keeps its place by age.
        t.counter = null;
        t.teller = null;
        t.calledAt = null;
        t.startedAt = null;
        t.recalls = 0;
        if (args.toService() != null) {
            t.service = args.toService();
            t.directedCounter = null;
        } else {
            t.directedCounter = args.toCounter();
        }
        setStatus(t, TicketStatus.WAITING);
        store.saveTicket(t);
        store.logTicket(t.id, now, "transferred", seat.id(), seat.teller,
                args.toService() != null ? "to service " + args.toService() : "to counter " + args.toCounter());
        free(seat, now);
        servicesDirty = true;
        return reply(seat);
    }

    private Bodies.CounterReply pause(CounterSeat seat, Bodies.Pause args) throws QueueException, StoreException {
        signedIn(seat);
        if (seat.ticket != null) {
            throw QueueError.FINISH_CURRENT_FIRST.because(seat.ticket.number);
        }
        seat.pauseReason = args.reason();
        seat.set(CounterStatus.PAUSED, clock.instant());
        saveSeat(seat);
        return reply(seat);
    }

    private Bodies.CounterReply resume(CounterSeat seat) throws QueueException, StoreException {
        signedIn(seat);
        if (seat.status != CounterStatus.PAUSED) {
            throw QueueError.NOT_PAUSED.get();
        }
        seat.pauseReason = null;
        seat.set(CounterStatus.IDLE, clock.instant());
        saveSeat(seat);
        return reply(seat);
    }

    private static void signedIn(CounterSeat seat) throws QueueException {
        if (seat.teller == null) {
            throw QueueError.NOT_SIGNED_IN.because(seat.id());
        }
    }

    private static void notPaused(CounterSeat seat) throws QueueException {
        if (seat.status == CounterStatus.PAUSED) {
            throw QueueError.COUNTER_PAUSED.because(seat.pauseReason);
        }
    }

    private static Ticket current(CounterSeat seat) throws QueueException {
        if (seat.ticket == null) {
            throw QueueError.NO_CURRENT_TICKET.because(seat.id());
        }
        return seat.ticket;
    }

    private void call(CounterSeat seat, Ticket t, String reason, Instant now) throws StoreException {
        setStatus(t, TicketStatus.CALLED);
        t.counter = seat.id();
        t.teller = seat.teller;
        t.calledAt = now;
        t.recalls = 0;
        store.saveTicket(t);
        seat.ticket = t;
        seat.set(CounterStatus.CALLING, now);
        recordCall(seat, t, reason, now);
        servicesDirty = true;
    }

    private void recordCall(CounterSeat seat, Ticket t, String reason, Instant now) throws StoreException {
        String callId = UUID.randomUUID().toString();
        seat.callId = callId;
        saveSeat(seat);
        store.insertCall(new Rows.CallRow(callId, t.id, t.number, seat.id(), seat.teller, now, t.recalls, reason));
        store.logTicket(t.id, now, t.recalls == 0 ? "called" : "recalled", seat.id(), seat.teller, reason);
        recentCalls.addFirst(new CallsState.Call(callId, t.id, t.number, seat.id(), seat.config.nameZh(),
                seat.config.nameEn(), t.recalls, now));
        while (recentCalls.size() > RECENT_CALLS) {
            recentCalls.removeLast();
        }
        callsDirty = true;
    }

    /** Completes the seat's ticket and arms the counter's rating pads. */
    private void finish(CounterSeat seat, Instant now) throws StoreException {
        Ticket t = seat.ticket;
        setStatus(t, TicketStatus.COMPLETED);
        t.finishedAt = now;
        store.saveTicket(t);
        store.logTicket(t.id, now, "completed", seat.id(), seat.teller, null);
        estimator.served(t.service, Duration.between(t.startedAt != null ? t.startedAt : t.calledAt, now));
        arm(seat, t, now);
        free(seat, now);
        servicesDirty = true;
    }

    private void arm(CounterSeat seat, Ticket t, Instant now) throws StoreException {
        TellerRef teller = tellerRef(seat.teller);
        for (BranchConfig.Device pad : config.devices()) {
            if (pad.role() == DeviceRole.RATING_PAD && pad.counter().filter(seat.id()::equals).isPresent()) {
                String armId = UUID.randomUUID().toString();
                Instant expires = now.plus(config.queue().ratingTimeout());
                store.insertArm(new Rows.ArmRow(armId, t.id, seat.id(), seat.teller, expires));
                Command c = new Command(MessageCodec.VERSION, armId, pad.id(), CommandType.RATING_ARM, now,
                        codec.toBody(new Bodies.RatingArm(armId, t.ref(), teller, seat.id(), expires)));
                // Retained: a pad that reconnects within the timeout still gets its arm.
                openArms.put(pad.id(), c);
                afterCommit.add(() -> out.command(c, true));
            }
        }
    }

    private void free(CounterSeat seat, Instant now) throws StoreException {
        seat.ticket = null;
        seat.set(CounterStatus.IDLE, now);
        saveSeat(seat);
    }

    private void saveSeat(CounterSeat seat) throws StoreException {
        store.saveCounter(new Rows.CounterRow(seat.id(), seat.status.name(), seat.teller,
                seat.ticket == null ? null : seat.ticket.id, seat.pauseReason, seat.since, seat.callId));
        dirtyCounters.add(seat.id());
    }

    private void add(Ticket t) throws StoreException {
        index(t);
        store.saveTicket(t);
        servicesDirty = true;
    }

    // ---------------------------------------------------------------- events

    private void applyEvent(EventEnvelope e) throws StoreException {
        switch (e.type()) {
            case SLIP_FAILED -> {
                Optional<Bodies.SlipOutcome> failed = body(e, Bodies.SlipOutcome.class);
                if (failed.isPresent()) {
                    voidTicket(failed.get());
                }
            }
            case SLIP_PRINTED -> {
                Optional<Bodies.SlipOutcome> printed = body(e, Bodies.SlipOutcome.class);
                if (printed.isPresent() && tickets.containsKey(printed.get().ticketId())) {
                    store.logTicket(printed.get().ticketId(), e.at(), "printed", null, null, e.device());
                }
            }
            case TICKET_ISSUED_OFFLINE -> {
                Optional<Bodies.OfflineTicket> o = body(e, Bodies.OfflineTicket.class);
                if (o.isPresent()) {
                    mergeOffline(e.device(), o.get());
                }
            }
            case RATING_GIVEN -> {
                Optional<Bodies.RatingGiven> r = body(e, Bodies.RatingGiven.class);
                if (r.isPresent()) {
                    rate(e, r.get());
                }
            }
            case DISPLAY_MANUAL, HEALTH_CHANGED -> {
                // Kept in device_events for audits and reports; nothing in the queue changes.
            }
        }
    }

    private <T> Optional<T> body(EventEnvelope e, Class<T> type) {
        Decoded<T> d = codec.decodeBody(e.body(), type);
        if (d instanceof Decoded.Accepted<T> a) {
            return Optional.of(a.message());
        }
        log.warn("event {} of {} ({}) has a bad body: {}", e.id(), e.device(), e.type().wire(),
                ((Decoded.Rejected<T>) d).rejection());
        return Optional.empty();
    }

    private void voidTicket(Bodies.SlipOutcome failed) throws StoreException {
        Ticket t = tickets.get(failed.ticketId());
        if (t == null || t.status != TicketStatus.WAITING) {
            log.info("slip of {} failed, but the ticket is {}; left as it is", failed.ticketId(),
                    t == null ? "not today's" : t.status);
            return;
        }
        setStatus(t, TicketStatus.VOIDED);
        t.finishedAt = clock.instant();
        store.saveTicket(t);
        store.logTicket(t.id, t.finishedAt, "voided", null, null, "slip failed: " + failed.reason());
        servicesDirty = true;
    }

    private void mergeOffline(String kiosk, Bodies.OfflineTicket o) throws StoreException {
        if (tickets.containsKey(o.ticketId())) {
            return;
        }
        Optional<ServiceConfig> s = config.service(o.service());
        Ticket clash = byNumber.get(o.number());
        if (s.isEmpty() || !o.number().equals(s.get().number(o.sequence()))
                || !o.ticketId().equals(TicketIds.of(config.branch().id(), o.businessDay(), o.number()))) {
            log.error("offline ticket {} from {} does not match the branch's services; kept only as an event",
                    o.ticketId(), kiosk);
            return;
        }
        boolean today = o.businessDay().equals(day.text());
        if (today && clash != null) {
            log.error("offline ticket {} from {} clashes with {}; kept only as an event", o.ticketId(), kiosk, clash.id);
            return;
        }
        Ticket t = new Ticket(o.ticketId(), o.businessDay(), o.service(), o.sequence(), o.number(), o.issuedAt(),
                kiosk, true);
        if (!today) {
            t.status = TicketStatus.EXPIRED;
            store.saveTicket(t);
            store.logTicket(t.id, clock.instant(), "expired", null, null, "issued offline on a past day");
            return;
        }
        add(t);
        if (nextNumber.getOrDefault(o.service(), s.get().first()) <= o.sequence()) {
            // Not from a lease this server knows: still never hand the number out again.
            nextNumber.put(o.service(), o.sequence() + 1);
            store.saveNumber(day.text(), o.service(), o.sequence() + 1);
        }
        store.logTicket(t.id, clock.instant(), "merged", null, null, "issued offline by " + kiosk);
    }

    private void rate(EventEnvelope e, Bodies.RatingGiven r) throws StoreException {
        Optional<Rows.ArmRow> arm = store.findArm(r.armId());
        if (arm.isEmpty() || !arm.get().ticket().equals(r.ticketId())) {
            log.warn("rating {} from {} names no arm this server gave for {}; kept only as an event", e.id(),
                    e.device(), r.ticketId());
            return;
        }
        Rows.ArmRow a = arm.get();
        boolean fresh = store.insertRating(new Rows.RatingRow(a.ticket(), a.id(), a.counter(), a.teller(), r.level(),
                e.at(), e.id()));
        if (!fresh) {
            log.info("ticket {} already has a rating; {} ignored", a.ticket(), e.id());
            return;
        }
        store.logTicket(a.ticket(), e.at(), "rated", a.counter(), a.teller(), r.level().wire());
        ratings.computeIfAbsent(a.teller(), k -> new EnumMap<>(RatingLevel.class)).merge(r.level(), 1, Integer::sum);
        openArms.values().removeIf(c -> c.id().equals(a.id()));
        afterCommit.add(() -> out.clearCommand(e.device()));
    }

    // ---------------------------------------------------------------- the business day

    private void checkDay() throws StoreException {
        LocalDate before = day.current();
        if (day.advanceTo(clock.instant())) {
            log.info("business day {} begins", day.text());
            expireOpen(before);
            resetDay();
            store.saveDay(day.text());
        }
        Map<String, Boolean> open = openFlags();
        if (!open.equals(lastOpen)) {
            lastOpen = open;
            servicesDirty = true;
        }
    }

    /** Closes the old day: open tickets expire, counters close, everybody signs in again. */
    private void expireOpen(LocalDate oldDay) throws StoreException {
        if (oldDay == null) {
            return;
        }
        Instant now = clock.instant();
        int expired = 0;
        for (Ticket t : store.loadTickets(oldDay.toString())) {
            if (t.status.isOpen()) {
                t.status = TicketStatus.EXPIRED;
                t.finishedAt = now;
                store.saveTicket(t);
                store.logTicket(t.id, now, "expired", null, null, "business day " + oldDay + " ended");
                expired++;
            }
        }
        for (CounterSeat seat : seats.values()) {
            seat.ticket = null;
            seat.teller = null;
            seat.pauseReason = null;
            seat.set(CounterStatus.CLOSED, now);
            saveSeat(seat);
        }
        log.info("business day {} closed: {} open tickets expired", oldDay, expired);
    }

    private void resetDay() {
        tickets.clear();
        byNumber.clear();
        waitingByService.clear();
        nextNumber.clear();
        recentCalls.clear();
        ratings.clear();
        openArms.clear();
        estimator = new WaitEstimator(config.queue().defaultServiceTime(), config.queue().estimateWindow());
        servicesDirty = true;
        callsDirty = true;
        dayDirty = true;
    }

    /** (Re)builds memory from the store: at start, and after a failed commit. */
    private void load() throws StoreException {
        Instant now = clock.instant();
        Optional<String> saved = store.loadDay();
        day.reset(saved.map(LocalDate::parse).orElse(null));
        resetDay();
        seats.clear();
        for (CounterConfig c : config.counters()) {
            seats.put(c.id(), new CounterSeat(c, now));
        }
        if (day.advanceTo(now)) {
            expireOpen(saved.map(LocalDate::parse).orElse(null));
            store.saveDay(day.text());
        }
        nextNumber.putAll(store.loadNumbers(day.text()));
        List<Ticket> served = new ArrayList<>();
        for (Ticket t : store.loadTickets(day.text())) {
            index(t);
            if (t.status == TicketStatus.COMPLETED && t.finishedAt != null) {
                served.add(t);
            }
        }
        served.sort((a, b) -> a.finishedAt.compareTo(b.finishedAt));
        for (Ticket t : served) {
            estimator.served(t.service, Duration.between(t.startedAt != null ? t.startedAt : t.calledAt, t.finishedAt));
        }
        for (Rows.CounterRow row : store.loadCounters()) {
            CounterSeat seat = seats.get(row.id());
            if (seat == null) {
                continue; // a counter removed from the configuration
            }
            seat.status = CounterStatus.valueOf(row.status());
            seat.teller = row.teller();
            seat.ticket = row.ticket() == null ? null : tickets.get(row.ticket());
            seat.pauseReason = row.pauseReason();
            seat.since = row.since();
            seat.callId = row.callId();
            if (seat.teller != null && config.tellers().stream().noneMatch(t -> t.id().equals(seat.teller))) {
                seat.teller = null;
                seat.ticket = null;
                seat.status = CounterStatus.CLOSED;
            }
        }
        List<Rows.CallRow> calls = store.recentCalls(RECENT_CALLS);
        for (Rows.CallRow c : calls) {
            CounterSeat seat = seats.get(c.counter());
            if (seat != null && tickets.containsKey(c.ticket())) {
                recentCalls.addLast(new CallsState.Call(c.id(), c.ticket(), c.number(), c.counter(),
                        seat.config.nameZh(), seat.config.nameEn(), c.recall(), c.at()));
            }
        }
        ratings.putAll(store.ratingsByTeller(day.text()));
        lastOpen = openFlags();
    }

    // ---------------------------------------------------------------- state

    private java.util.stream.Stream<Ticket> waiting() {
        return waitingByService.values().stream().flatMap(Set::stream);
    }

    private int waitingCount(String service) {
        Set<Ticket> w = waitingByService.get(service);
        return w == null ? 0 : w.size();
    }

    /** The one way a ticket of today changes status, so that the waiting index stays true. */
    private void setStatus(Ticket t, TicketStatus status) {
        if (t.status == TicketStatus.WAITING) {
            Set<Ticket> w = waitingByService.get(t.service);
            if (w != null) {
                w.remove(t);
            }
        }
        t.status = status;
        if (status == TicketStatus.WAITING) {
            waitingByService.computeIfAbsent(t.service, k -> new LinkedHashSet<>()).add(t);
        }
    }

    /** Puts a ticket of today into memory (and the waiting index, if it waits). */
    private void index(Ticket t) {
        tickets.put(t.id, t);
        byNumber.put(t.number, t);
        if (t.status == TicketStatus.WAITING) {
            waitingByService.computeIfAbsent(t.service, k -> new LinkedHashSet<>()).add(t);
        }
    }

    private int openCounters(String service) {
        return (int) seats.values().stream()
                .filter(s -> s.teller != null && s.status != CounterStatus.PAUSED
                        && s.config.services().containsKey(service))
                .count();
    }

    private LocalTime localTime(Instant at) {
        return at.atZone(config.branch().zone()).toLocalTime();
    }

    private Map<String, Boolean> openFlags() {
        LocalTime now = localTime(clock.instant());
        Map<String, Boolean> m = new HashMap<>();
        config.services().forEach(s -> m.put(s.id(), s.isOpenAt(now)));
        return m;
    }

    private TellerRef tellerRef(String id) {
        return config.tellers().stream().filter(t -> t.id().equals(id)).findFirst()
                .map(t -> new TellerRef(t.id(), t.name(), t.employeeNo())).orElse(null);
    }

    private Bodies.CounterReply reply(CounterSeat seat) {
        return new Bodies.CounterReply(counterState(seat), seat.teller == null ? null : tellerDay(seat.teller));
    }

    private Bodies.TellerDay tellerDay(String teller) {
        List<Ticket> done = tickets.values().stream()
                .filter(t -> t.status == TicketStatus.COMPLETED && teller.equals(t.teller)).toList();
        long avg = (long) done.stream()
                .mapToLong(t -> Duration.between(t.startedAt != null ? t.startedAt : t.calledAt, t.finishedAt).toSeconds())
                .average().orElse(0);
        return new Bodies.TellerDay(done.size(), (int) avg, ratings.getOrDefault(teller, Map.of()));
    }

    CounterState counterState(CounterSeat seat) {
        return new CounterState(MessageCodec.VERSION, seat.id(), seat.config.nameZh(), seat.config.nameEn(),
                seat.status, seat.ticket == null ? null : seat.ticket.ref(),
                seat.teller == null ? null : tellerRef(seat.teller), seat.pauseReason, seat.since);
    }

    private ServicesState servicesState() {
        LocalTime now = localTime(clock.instant());
        List<ServicesState.Service> list = new ArrayList<>();
        for (ServiceConfig s : config.services()) {
            int n = waitingCount(s.id());
            list.add(new ServicesState.Service(s.id(), s.prefix(), s.nameZh(), s.nameEn(), s.isOpenAt(now), s.hours(), n,
                    estimator.estimateSeconds(s.id(), n, openCounters(s.id()))));
        }
        return new ServicesState(MessageCodec.VERSION, clock.instant(), day.text(), list);
    }

    private Instant armExpiry(Command arm) {
        return codec.decodeBody(arm.body(), Bodies.RatingArm.class).orThrow().expiresAt();
    }

    private DayState dayState() {
        Instant began = day.current().atTime(config.queue().rolloverHour(), 0).atZone(config.branch().zone()).toInstant();
        return new DayState(MessageCodec.VERSION, config.branch().id(), config.branch().name(), day.text(),
                config.branch().zone().getId(), began);
    }

    private void publishAll() {
        out.state(topics.day(), dayState());
        out.state(topics.services(), servicesState());
        seats.values().forEach(s -> out.state(topics.counter(s.id()), counterState(s)));
        out.state(topics.calls(), new CallsState(MessageCodec.VERSION, clock.instant(), List.copyOf(recentCalls)));
        BranchConfig.SignageConfig sg = config.signage();
        out.state(topics.signage(), new SignageState(MessageCodec.VERSION, sg.lines(), sg.images(), sg.slideSeconds()));
        // A broker that restarted without persistence has lost the retained arms too.
        Instant now = clock.instant();
        openArms.values().removeIf(c -> !armExpiry(c).isAfter(now));
        openArms.values().forEach(c -> out.command(c, true));
        clearDirty();
    }

    private void publishDirty() {
        if (dayDirty) {
            out.state(topics.day(), dayState());
        }
        if (servicesDirty) {
            out.state(topics.services(), servicesState());
        }
        for (String id : dirtyCounters) {
            out.state(topics.counter(id), counterState(seats.get(id)));
        }
        if (callsDirty) {
            out.state(topics.calls(), new CallsState(MessageCodec.VERSION, clock.instant(), List.copyOf(recentCalls)));
        }
        clearDirty();
    }

    private void clearDirty() {
        dirtyCounters.clear();
        servicesDirty = false;
        callsDirty = false;
        dayDirty = false;
    }
}
