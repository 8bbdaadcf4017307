package io.counterline.server.queue;

import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.TellerRef;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.config.CounterConfig;
import io.counterline.server.config.ServiceConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's memory of the business day: the pieces the request and event handlers share, each
 * mirrored in the store. Engine thread only. Rebuilt from the store at start and after a failed
 * job ({@link QueueEngine}), emptied at rollover.
 */
final class Today {
    final BranchConfig config;
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
        this.config = config;
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

    /** Every configured counter, closed. */
    void resetSeats(Instant now) {
        seats.clear();
        for (CounterConfig c : config.counters()) {
            seats.put(c.id(), new CounterSeat(c, now));
        }
    }

    private WaitEstimator newEstimator() {
        return new WaitEstimator(config.queue().defaultServiceTime(), config.queue().estimateWindow());
    }

    void rated(String teller, RatingLevel level) {
        ratings.computeIfAbsent(teller, k -> new EnumMap<>(RatingLevel.class)).merge(level, 1, Integer::sum);
    }

    ServiceConfig service(String id) throws QueueException {
        return config.service(id).orElseThrow(() -> QueueError.UNKNOWN_SERVICE.because(id));
    }

    /** Counters signed in, not paused, serving {@code service}: what a wait is divided by. */
    int openCounters(String service) {
        return (int) seats.values().stream().filter(s -> s.isOpenFor(service)).count();
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
        return config.tellers().stream().filter(t -> t.id().equals(id)).findFirst()
                .map(t -> new TellerRef(t.id(), t.name(), t.employeeNo()));
    }
}
