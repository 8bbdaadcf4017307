package io.counterline.server.queue;

import io.counterline.protocol.WaitTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Estimated wait for a new ticket: people ahead × the average of the service's recent service
 * times ÷ the counters open for it (at least one), rounded up to whole minutes and at least one
 * minute while anyone is ahead ({@link WaitTime}). Before any service time is measured the
 * configured default is used. Deliberately simple and explainable to a supervisor. This is the
 * only estimator: kiosks, slips and hall displays show its figure.
 */
final class WaitEstimator {
    private final Duration defaultServiceTime;
    private final int window;
    private final Map<String, Deque<Long>> recentMillis = new HashMap<>();

    WaitEstimator(Duration defaultServiceTime, int window) {
        this.defaultServiceTime = defaultServiceTime;
        this.window = window;
    }

    void served(String service, Duration took) {
        Deque<Long> d = recentMillis.computeIfAbsent(service, s -> new ArrayDeque<>());
        d.addLast(Math.max(0, took.toMillis()));
        if (d.size() > window) {
            d.removeFirst();
        }
    }

    Duration averageServiceTime(String service) {
        Deque<Long> d = recentMillis.get(service);
        if (d == null || d.isEmpty()) {
            return defaultServiceTime;
        }
        return Duration.ofMillis((long) d.stream().mapToLong(Long::longValue).average().orElse(0));
    }

    /**
     * The estimate as published, rounded once for every device by {@link WaitTime#roundedSeconds}:
     * whole minutes, at least one while anyone is ahead.
     */
    int estimateSeconds(String service, int peopleAhead, int openCounters) {
        long perPersonMillis = averageServiceTime(service).toMillis();
        long millis = Math.max(0, peopleAhead) * perPersonMillis / Math.max(1, openCounters);
        return WaitTime.roundedSeconds(millis, peopleAhead);
    }
}
