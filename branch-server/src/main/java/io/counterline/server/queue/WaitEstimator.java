package io.counterline.server.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Estimated wait for a new ticket: people ahead × the average of the service's recent service
 * times ÷ the counters open for it (at least one). Before any service time is measured the
 * configured default is used. Deliberately simple and explainable to a supervisor.
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

    int estimateSeconds(String service, int peopleAhead, int openCounters) {
        long perPerson = averageServiceTime(service).toSeconds();
        return (int) Math.min(Integer.MAX_VALUE, peopleAhead * perPerson / Math.max(1, openCounters));
    }
}
