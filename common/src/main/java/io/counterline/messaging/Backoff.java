package io.counterline.messaging;

import java.time.Duration;

/**
 * Reconnect policy as a value: exponential from {@code initial}, doubling per failed attempt,
 * never above {@code max}.
 */
public record Backoff(Duration initial, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(120));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before attempt {@code failures + 1}, after {@code failures} failed attempts. */
    public Duration delayAfter(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long millis = initial.toMillis() << doublings;
        return millis >= max.toMillis() || millis <= 0 ? max : Duration.ofMillis(millis);
    }
}
