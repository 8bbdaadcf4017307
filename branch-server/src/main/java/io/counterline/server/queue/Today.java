package io.counterline.server.queue;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.TellerRef;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.config.FloorChanges;
import io.counterline.server.config.TellerRoster;
import io.counterline.server.config.CounterConfig;
import io.counterline.server.config.ServiceConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's memory of the business day: the pieces the request and event handlers share, each
 * mirrored in the store. Engine thread only. Rebuilt from the store at start and after a failed
 * job ({@link QueueEngine}), emptied at rollover.
 */
final class Today {
    final BranchConfig config;
    /** Who may sign in; asked each time (tellers can change while the engine runs). */
    final TellerRoster roster;
    /** Services and counters renamed or disabled; asked each time, like the roster. */
    final FloorChanges floor;
    final BusinessDay day;
    final TodaysTickets tickets = new TodaysTickets();
    final Numbering numbering = new Numbering();
    final Map<String, CounterSeat> seats = new LinkedHashMap<>();
    final RecentCalls calls = new RecentCalls();
    final RatingArms arms = new RatingArms();
    /** Per teller, today's count of each rating level. */
    final Map<String, Map<RatingLevel, Integer>> ratings = new HashMap<>();
    WaitEstimator estimator;

    Today(BranchConfig config) {
        this(config, TellerRoster.of(config), FloorChanges.NONE);
    }

    Today(BranchConfig config, TellerRoster roster, FloorChanges floor) {
        this.config = config;
        this.roster = roster;
        this.floor = floor;
        this.day = new BusinessDay(config.branch().zone(), config.queue().rolloverHour(), null);
        this.estimator = newEstimator();
    }

    /** Forgets the day's tickets, numbers, calls, ratings and arms (the counters stay). */
    void clearDay() {
        tickets.clear();
        numbering.clear();
        calls.clear();
        ratings.clear();
        arms.clear();
        estimator = newEstimator();
    }

    /** Every counter (the branch file's and those added in the console), closed. */
    void resetSeats(Instant now) {
        seats.clear();
        seatNewCounters(now);
    }

    /** A closed seat for each counter added in the console since the last look; true if there was one. */
    boolean seatNewCounters(Instant now) {
        boolean any = false;
        for (CounterConfig c : counters()) {
            if (!seats.containsKey(c.id())) {
                seats.put(c.id(), new CounterSeat(c, now));
                any = true;
            }
        }
        return any;
    }

    /**
     * The branch file's counters, then those added in the console (asked each time; one whose id or
     * devices the file already has is left out).
     */
    List<CounterConfig> counters() {
        List<FloorChanges.AddedCounter> added = floor.addedCounters();
        if (added.isEmpty()) {
            return config.counters();
        }
        List<CounterConfig> all = new ArrayList<>(config.counters());
        for (FloorChanges.AddedCounter a : added) {
            if (kept(a)) {
                all.add(a.counter());
            }
        }
        return all;
    }

    /**
     * The branch file's devices, then the counter callers and rating pads of counters added in the
     * console (their secret null: only the console holds it, hashed).
     */
    List<BranchConfig.Device> devices() {
        List<FloorChanges.AddedCounter> added = floor.addedCounters();
        if (added.isEmpty()) {
            return config.devices();
        }
        List<BranchConfig.Device> all = new ArrayList<>(config.devices());
        for (FloorChanges.AddedCounter a : added) {
            if (kept(a)) {
                all.add(new BranchConfig.Device(a.caller(), DeviceRole.COUNTER_CALLER, null,
                        Optional.of(a.counter().id())));
                all.add(new BranchConfig.Device(a.pad(), DeviceRole.RATING_PAD, null, Optional.of(a.counter().id())));
            }
        }
        return all;
    }

    Optional<BranchConfig.Device> device(String id) {
        return config.device(id).or(() -> devices().stream().filter(d -> d.id().equals(id)).findFirst());
    }

    /** An added counter counts unless the branch file (edited since) has its id or one of its devices. */
    private boolean kept(FloorChanges.AddedCounter a) {
        return config.counter(a.counter().id()).isEmpty() && config.device(a.caller()).isEmpty()
                && config.device(a.pad()).isEmpty() && !a.caller().equals(config.server().id())
                && !a.pad().equals(config.server().id());
    }

    private WaitEstimator newEstimator() {
        return new WaitEstimator(config.queue().defaultServiceTime(), config.queue().estimateWindow());
    }

    void rated(String teller, RatingLevel level) {
        ratings.computeIfAbsent(teller, k -> new EnumMap<>(RatingLevel.class)).merge(level, 1, Integer::sum);
    }

    /** The teller's day so far: customers served, their average service time, ratings per level. */
    Bodies.TellerDay tellerDay(String teller) {
        List<Ticket> done = tickets.all().stream()
                .filter(t -> t.status == TicketStatus.COMPLETED && teller.equals(t.teller)).toList();
        long avg = (long) done.stream()
                .mapToLong(t -> Duration.between(t.startedAt != null ? t.startedAt : t.calledAt, t.finishedAt).toSeconds())
                .average().orElse(0);
        return new Bodies.TellerDay(done.size(), (int) avg, ratings.getOrDefault(teller, Map.of()));
    }

    /**
     * The branch file's services, then those added in the console (asked each time, like the
     * roster; an added one whose id or prefix the file already has is left out).
     */
    List<ServiceConfig> services() {
        List<FloorChanges.AddedService> added = floor.addedServices();
        if (added.isEmpty()) {
            return config.services();
        }
        List<ServiceConfig> all = new ArrayList<>(config.services());
        for (FloorChanges.AddedService a : added) {
            ServiceConfig s = a.service();
            if (all.stream().noneMatch(f -> f.id().equals(s.id()) || f.prefix().equals(s.prefix()))) {
                all.add(s);
            }
        }
        return all;
    }

    /** A service of the branch file or added in the console, as configured (names not overlaid). */
    Optional<ServiceConfig> serviceConfig(String id) {
        return config.service(id).or(() -> services().stream().filter(s -> s.id().equals(id)).findFirst());
    }

    /** What a counter serves: its branch file services and the console's added ones assigned to it, with weights. */
    Map<String, Integer> served(CounterSeat seat) {
        List<FloorChanges.AddedService> added = floor.addedServices();
        if (added.isEmpty()) {
            return seat.config.services();
        }
        Map<String, Integer> m = new LinkedHashMap<>(seat.config.services());
        for (FloorChanges.AddedService a : added) {
            Integer weight = a.counters().get(seat.id());
            if (weight != null && serviceConfig(a.service().id()).filter(a.service()::equals).isPresent()) {
                m.putIfAbsent(a.service().id(), weight);
            }
        }
        return m;
    }

    boolean serves(CounterSeat seat, String service) {
        return served(seat).containsKey(service);
    }

    /** A service a kiosk may take a ticket or numbers of now: known, not disabled, with today's names. */
    ServiceConfig service(String id) throws QueueException {
        ServiceConfig s = serviceConfig(id).orElseThrow(() -> QueueError.UNKNOWN_SERVICE.because(id));
        if (serviceDisabled(id)) {
            throw QueueError.SERVICE_DISABLED.because(id + " is disabled in the console");
        }
        return named(s);
    }

    boolean serviceDisabled(String id) {
        return floor.service(id).map(FloorChanges.Change::disabled).orElse(false);
    }

    boolean counterDisabled(String id) {
        return floor.counter(id).map(FloorChanges.Change::disabled).orElse(false);
    }

    /** The service with the names it has now (the console may have renamed it). */
    ServiceConfig named(ServiceConfig s) {
        return floor.service(s.id()).map(c -> new ServiceConfig(s.id(), s.prefix(), c.nameZh(), c.nameEn(), s.first(),
                s.last(), s.opens(), s.closes())).orElse(s);
    }

    /** The counter with the names it has now (the console may have renamed it). */
    CounterConfig named(CounterConfig c) {
        return floor.counter(c.id()).map(f -> new CounterConfig(c.id(), c.number(), f.nameZh(), f.nameEn(),
                c.services())).orElse(c);
    }

    /** Counters signed in, not paused, serving {@code service}: what a wait is divided by. */
    int openCounters(String service) {
        return (int) seats.values().stream().filter(s -> s.isOpen() && serves(s, service)).count();
    }

    int estimateSeconds(String service, int peopleAhead) {
        return estimator.estimateSeconds(service, peopleAhead, openCounters(service));
    }

    LocalTime localTime(Instant at) {
        return at.atZone(config.branch().zone()).toLocalTime();
    }

    /** When the current business day began (its rollover hour, branch time). */
    Instant dayBegan() {
        return began(day.current());
    }

    /** When business day {@code d} begins: its rollover hour in the branch's time zone. */
    Instant began(LocalDate d) {
        return d.atTime(config.queue().rolloverHour(), 0).atZone(config.branch().zone()).toInstant();
    }

    Optional<TellerRef> tellerRef(String id) {
        return roster.teller(id).map(t -> new TellerRef(t.id(), t.name(), t.employeeNo()));
    }
}
