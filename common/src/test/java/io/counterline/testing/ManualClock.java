package io.counterline.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * The one clock a test moves by hand, safe to read from any thread: a {@link Clock} (wall time,
 * for business days, leases, lockouts) and a {@link LongSupplier} of nanoseconds (the monotonic
 * time of key debouncing), both moved by {@link #advance}. {@link #set} may move the wall time
 * backwards, as an NTP step does; the nanosecond time never goes back.
 */
public final class ManualClock extends Clock implements LongSupplier {
    private static final Instant DEFAULT_START = Instant.parse("2026-11-22T01:00:00Z");

    private volatile Instant now;
    private volatile long nanos = 1_000_000_000L;

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Sets the wall time (forwards or backwards); the nanosecond time does not move. */
    public void set(Instant at) {
        now = at;
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
        nanos += by.toNanos();
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    @Override
    public long getAsLong() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
