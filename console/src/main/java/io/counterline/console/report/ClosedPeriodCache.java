package io.counterline.console.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Pages over business days that have ended: their tickets and ratings no longer change, so
 * twenty supervisors opening last month's report share one computation instead of twenty
 * (concurrent requests for the same key wait for the first). Only for periods that end before
 * today; entries live {@link #TTL} (an offline ticket merged late into a past day shows within
 * that time) and at most {@link #MAX_ENTRIES} are kept.
 */
public final class ClosedPeriodCache {
    public static final Duration TTL = Duration.ofMinutes(10);
    public static final int MAX_ENTRIES = 64;

    /** Computes a page's data; may read the store. */
    @FunctionalInterface
    public interface Computation<V> {
        V compute() throws Exception;
    }

    private record Entry(Instant made, CompletableFuture<Object> value) {
    }

    private final Clock clock;
    private final Supplier<LocalDate> today;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** @param today the branch's business day now (a period ending before it is closed) */
    public ClosedPeriodCache(Clock clock, Supplier<LocalDate> today) {
        this.clock = clock;
        this.today = today;
    }

    /** The value for {@code key}, computed once while fresh when {@code lastDay} is before today. */
    @SuppressWarnings("unchecked")
    public <V> V get(String key, LocalDate lastDay, Computation<V> computation) throws Exception {
        if (!lastDay.isBefore(today.get())) {
            return computation.compute();
        }
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.made().plus(TTL).isBefore(now) || e.value().isCompletedExceptionally());
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // simplest bound: a burst of distinct periods starts over
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        Entry e = entries.computeIfAbsent(key, k -> new Entry(now, mine));
        if (e.value() == mine) {
            try {
                mine.complete(computation.compute());
            } catch (Exception | Error failure) {
                mine.completeExceptionally(failure);
                entries.remove(key, e);
                throw failure;
            }
        }
        try {
            return (V) e.value().get();
        } catch (ExecutionException failure) {
            throw failure.getCause() instanceof Exception x ? x : failure;
        }
    }
}
