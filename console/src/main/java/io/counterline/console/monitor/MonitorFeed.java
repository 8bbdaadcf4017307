package io.counterline.console.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterline.console.BranchDirectory;
import io.counterline.console.auth.Scope;
import io.counterline.console.report.BranchHistory;
import io.counterline.console.report.RatingFact;
import io.counterline.console.report.TicketFact;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.ServicesState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live monitor's state and its stream, fed only from what the engine has committed: the
 * retained state it publishes after each commit (counters, services), the events it has just
 * committed (ratings), and the devices' retained status from the broker. Today's totals and the
 * longest waits are read from the store once after a commit changed the queue (at most every
 * {@value #DAY_DEBOUNCE_MILLIS} ms), never in a polling loop.
 *
 * <p>Threading: the inputs may be called from any thread (the engine's, the bus's) and only hand
 * the work to this feed's own thread, which owns the state, numbers the events and queues them for
 * the subscribers, so an event is never sent out of order or twice. Each subscriber has its own
 * bounded queue written out on a writer thread ({@link Outlet}): a browser that stops reading
 * delays nobody else, and is dropped once {@value #STREAM_QUEUE} events behind.
 */
public final class MonitorFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MonitorFeed.class);
    private static final int KEPT_EVENTS = 1000;
    private static final int RECENT_RATINGS = 30;
    private static final int RECENT_NOTICES = 20;
    static final long DAY_DEBOUNCE_MILLIS = 200;
    /** Events one stream may be behind before it is dropped (it resumes with Last-Event-ID). */
    static final int STREAM_QUEUE = 256;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Where events go: one open SSE stream. Called on a writer thread of its own, one call at a time. */
    public interface Subscriber {
        /** @return false when the client has gone and should be dropped */
        boolean send(MonitorEvent event);

        /** @return false when the client has gone */
        boolean heartbeat();

        Scope scope();

        /** Close the connection: the client fell {@value #STREAM_QUEUE} events behind. May block. */
        default void drop() {
        }
    }

    private final Supplier<BranchDirectory> directory;
    private final BranchHistory history;
    private final Clock clock;
    private final ZoneId zone;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService thread;
    /** Writes to the streams; a thread per stream with something to write (a stuck one holds its own). */
    private final ExecutorService writers = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "console-monitor-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });
    private final String boot = Long.toString(System.currentTimeMillis(), 36);

    // Owned by the feed's thread.
    private long sequence;
    private final Deque<MonitorEvent> kept = new ArrayDeque<>();
    private final Map<String, Map<String, Object>> counters = new TreeMap<>();
    private final Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> devices = new TreeMap<>();
    private final Deque<Map<String, Object>> ratings = new ArrayDeque<>();
    private final Deque<Map<String, Object>> notices = new ArrayDeque<>();
    private Map<String, Object> day = Map.of("issued", 0, "served", 0, "noShow", 0, "businessDay", "");
    private String businessDay;
    private ScheduledFuture<?> dayRead;
    private final List<Outlet> subscribers = new ArrayList<>();
    private final List<java.util.function.Consumer<RatingFact>> ratingListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param directory the branch as named now (tellers can be renamed while it runs) */
    public MonitorFeed(Supplier<BranchDirectory> directory, BranchHistory history, Clock clock, Duration heartbeat) {
        this.directory = directory;
        this.history = history;
        this.clock = clock;
        this.zone = directory.get().zone();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-monitor");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- inputs (any thread)

    /** A counter's committed state, as published on {@code state/counters/{counter}}. */
    public void counter(CounterState s) {
        thread.execute(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("counter", s.counter());
            m.put("name", directory.get().counterName(s.counter()));
            m.put("status", s.status().wire());
            m.put("teller", s.teller() == null ? "" : s.teller().name());
            m.put("ticket", s.ticket() == null ? "" : s.ticket().number());
            m.put("since", CLOCK.format(s.since().atZone(zone)));
            m.put("pauseReason", s.pauseReason() == null ? "" : s.pauseReason());
            counters.put(s.counter(), m);
            emit("counter", s.counter(), null, m);
        });
    }

    /** The committed queue, as published on {@code state/services}. */
    public void services(ServicesState s) {
        thread.execute(() -> {
            businessDay = s.businessDay();
            for (ServicesState.Service svc : s.services()) {
                Map<String, Object> m = new LinkedHashMap<>(services.getOrDefault(svc.id(), Map.of()));
                m.put("service", svc.id());
                m.put("name", directory.get().serviceName(svc.id()));
                m.put("waiting", svc.waiting());
                m.put("estimatedWaitSeconds", svc.estimatedWaitSeconds());
                m.putIfAbsent("longestWait", "");
                services.put(svc.id(), m);
            }
            emit("services", null, null, Map.of("services", new ArrayList<>(services.values())));
            scheduleDayRead();
        });
    }

    /** A device's retained status from the broker (presence and health). */
    public void device(DeviceStatus s) {
        thread.execute(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", s.device());
            m.put("role", s.role().wire());
            m.put("online", s.online());
            m.put("health", s.health().level().wire());
            m.put("reason", s.health().reason());
            m.put("at", CLOCK.format(s.at().atZone(zone)));
            devices.put(s.device(), m);
            emit("device", null, null, m);
        });
    }

    /** Events the engine has just committed; ratings among them are shown as they arrive. */
    public void committed(List<EventEnvelope> events) {
        List<String> rated = events.stream().filter(e -> e.type() == EventType.RATING_GIVEN)
                .map(e -> e.body().path("ticketId").asText("")).filter(s -> !s.isEmpty()).toList();
        if (!rated.isEmpty()) {
            thread.execute(() -> rated.forEach(this::readRating));
        }
    }

    /**
     * A supervision notice (催办, 督办) about a work order, for the users whose scope covers its
     * counter; an order without a counter ({@code counter} null) is for branch-wide scopes only, as
     * the order itself (docs/supervision.md). The latest {@value #RECENT_NOTICES} are in the snapshot.
     *
     * @param data plain values (text, numbers) for the page
     */
    public void notice(String counter, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>(data);
        // "" is no counter id: Scope.covers("", …) holds only for branch-wide scopes.
        String scopeKey = counter == null ? "" : counter;
        m.put("counterId", scopeKey);
        thread.execute(() -> {
            notices.addFirst(m);
            while (notices.size() > RECENT_NOTICES) {
                notices.removeLast();
            }
            emit("notice", scopeKey, null, m);
        });
    }

    /** Told of each committed rating once it is read from the store (on the feed's thread). */
    public void onRating(java.util.function.Consumer<RatingFact> listener) {
        ratingListeners.add(listener);
    }

    // ---------------------------------------------------------------- subscribers

    /**
     * Adds an open stream: it first gets what it missed since {@code lastEventId} when that is
     * still kept, else a snapshot of everything.
     */
    public void subscribe(Subscriber s, Optional<String> lastEventId) {
        thread.execute(() -> {
            Outlet o = new Outlet(s, STREAM_QUEUE, writers);
            List<MonitorEvent> missed = missedSince(lastEventId);
            if (missed == null || missed.size() >= STREAM_QUEUE) {
                o.offer(snapshot(s.scope()));
            } else {
                missed.stream().filter(e -> visible(e, s.scope())).forEach(o::offer);
            }
            subscribers.add(o);
        });
    }

    public void unsubscribe(Subscriber s) {
        thread.execute(() -> subscribers.removeIf(o -> o.subscriber() == s));
    }

    /** For tests and the benchmark: how many streams are open. */
    public int subscriberCount() {
        try {
            return thread.submit(subscribers::size).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        writers.shutdownNow();
    }

    // ---------------------------------------------------------------- the feed's thread

    private void readRating(String ticket) {
        try {
            Optional<RatingFact> r = history.rating(ticket);
            if (r.isEmpty()) {
                return; // the engine kept it only as an event (no arm): not a rating
            }
            RatingFact f = r.get();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ticket", ticket);
            m.put("counterId", f.counter());
            m.put("counter", directory.get().counterName(f.counter()));
            m.put("teller", directory.get().tellerName(f.teller()));
            m.put("level", f.level().wire());
            m.put("label", f.level().label());
            m.put("dissatisfied", f.level() == RatingLevel.DISSATISFIED);
            m.put("at", CLOCK.format(f.at().atZone(zone)));
            ratings.addFirst(m);
            while (ratings.size() > RECENT_RATINGS) {
                ratings.removeLast();
            }
            emit("rating", f.counter(), f.service(), m);
            ratingListeners.forEach(l -> l.accept(f));
        } catch (BranchHistory.HistoryException e) {
            log.warn("monitor: {}", e.getMessage());
        }
    }

    private void scheduleDayRead() {
        if (dayRead == null || dayRead.isDone()) {
            dayRead = thread.schedule(this::readDay, DAY_DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void readDay() {
        if (businessDay == null) {
            return;
        }
        try {
            LocalDate d = LocalDate.parse(businessDay);
            int issued = 0;
            int served = 0;
            int noShow = 0;
            Map<String, Instant> oldest = new TreeMap<>();
            for (TicketFact t : history.tickets(d, d)) {
                if (!"VOIDED".equals(t.status())) {
                    issued++;
                }
                served += t.completed() ? 1 : 0;
                noShow += "NO_SHOW".equals(t.status()) ? 1 : 0;
                if ("WAITING".equals(t.status())) {
                    oldest.merge(t.service(), t.issuedAt(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
            Instant now = clock.instant();
            for (Map.Entry<String, Map<String, Object>> e : services.entrySet()) {
                Instant o = oldest.get(e.getKey());
                e.getValue().put("longestWait", o == null ? "" : minutes(Duration.between(o, now)));
            }
            day = Map.of("issued", issued, "served", served, "noShow", noShow, "businessDay", businessDay);
            emit("day", null, null, Map.of("day", day, "services", new ArrayList<>(services.values())));
        } catch (BranchHistory.HistoryException | RuntimeException e) {
            log.warn("monitor: today's totals not read: {}", e.getMessage());
        }
    }

    private static String minutes(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format("%d:%02d", s / 60, s % 60);
    }

    private void emit(String type, String counter, String service, Object data) {
        MonitorEvent e = new MonitorEvent(boot + "-" + (++sequence), sequence, type, counter, service, write(data));
        kept.addLast(e);
        while (kept.size() > KEPT_EVENTS) {
            kept.removeFirst();
        }
        subscribers.removeIf(o -> visible(e, o.subscriber().scope()) && !offered(o, e));
    }

    private void heartbeat() {
        subscribers.removeIf(o -> !offered(o, Outlet.HEARTBEAT));
    }

    /** Queues {@code e} for the stream; a stream gone or too far behind is dropped (false). */
    private static boolean offered(Outlet o, MonitorEvent e) {
        if (o.offer(e)) {
            return true;
        }
        o.drop(o.gone() ? "closed" : STREAM_QUEUE + " events behind");
        return false;
    }

    private List<MonitorEvent> missedSince(Optional<String> lastEventId) {
        if (lastEventId.isEmpty() || !lastEventId.get().startsWith(boot + "-") || kept.isEmpty()) {
            return null;
        }
        long last;
        try {
            last = Long.parseLong(lastEventId.get().substring(boot.length() + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (last < kept.peekFirst().sequence() - 1 || last > sequence) {
            return null;
        }
        return kept.stream().filter(e -> e.sequence() > last).toList();
    }

    private MonitorEvent snapshot(Scope scope) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counters", counters.values().stream().filter(c -> scope.coversCounter((String) c.get("counter"))).toList());
        m.put("services", new ArrayList<>(services.values()));
        m.put("day", day);
        m.put("devices", new ArrayList<>(devices.values()));
        m.put("ratings", ratings.stream().filter(r -> scope.coversCounter((String) r.get("counterId"))).toList());
        m.put("notices", notices.stream().filter(n -> scope.covers((String) n.get("counterId"), null)).toList());
        // A snapshot carries the current id, so a resume after it asks only for what follows.
        return new MonitorEvent(boot + "-" + sequence, sequence, "snapshot", null, null, write(m));
    }

    private static boolean visible(MonitorEvent e, Scope scope) {
        return e.counter() == null || scope.covers(e.counter(), e.service());
    }

    private String write(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("monitor data is plain maps and lists", e);
        }
    }
}
