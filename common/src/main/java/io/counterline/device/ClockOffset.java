package io.counterline.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * This device's clock offset from the server's (server minus device), estimated from the
 * server's timestamps in answers: a request sent at device time {@code s} and answered at
 * {@code r} (the round trip timed on the monotonic clock) with server time {@code t} gives
 * {@code t − (s + r) / 2}, wrong by at most half the round trip. Of the last
 * {@value #SAMPLES} samples the one with the shortest round trip is believed (queuing only ever
 * lengthens a trip, and makes it lopsided), so one slow answer does not move the estimate.
 *
 * <p>Thread-safe: samples come from the bus thread, readers are anywhere.
 */
public final class ClockOffset {
    static final int SAMPLES = 8;

    private final Clock wall;
    private final LongSupplier nanos;
    private final Deque<Sample> recent = new ArrayDeque<>();

    /** One request's measurement. */
    public record Sample(Duration offset, Duration roundTrip) {
        /** How far from the true offset this sample may be. */
        public Duration bound() {
            return roundTrip.dividedBy(2);
        }
    }

    /** A started measurement: the device's wall time and monotonic time when the request left. */
    public record Start(Instant wallSent, long nanoSent) {
    }

    /**
     * @param wall  the device's clock, the one being corrected
     * @param nanos the monotonic clock that times round trips ({@code System::nanoTime})
     */
    public ClockOffset(Clock wall, LongSupplier nanos) {
        this.wall = wall;
        this.nanos = nanos;
    }

    /** Call just before sending the request whose answer carries the server's time. */
    public Start start() {
        return new Start(wall.instant(), nanos.getAsLong());
    }

    /** Call when the answer arrives, with the server's time from it; returns the sample taken. */
    public Sample answered(Start start, Instant serverTime) {
        Duration roundTrip = Duration.ofNanos(Math.max(0, nanos.getAsLong() - start.nanoSent()));
        Instant midpoint = start.wallSent().plus(roundTrip.dividedBy(2));
        Sample sample = new Sample(Duration.between(midpoint, serverTime), roundTrip);
        synchronized (recent) {
            recent.addLast(sample);
            if (recent.size() > SAMPLES) {
                recent.removeFirst();
            }
        }
        return sample;
    }

    /** The best sample so far: the shortest round trip of the recent ones; empty before the first. */
    public Optional<Sample> best() {
        synchronized (recent) {
            return recent.stream().min(Comparator.comparing(Sample::roundTrip));
        }
    }

    /** The estimated offset (server minus device); empty before the first sample. */
    public Optional<Duration> estimate() {
        return best().map(Sample::offset);
    }

    /** A time read from this device's clock, as the server's clock would have read it (unchanged before any sample). */
    public Instant toServerTime(Instant deviceTime) {
        return estimate().map(deviceTime::plus).orElse(deviceTime);
    }

    /** Now by the server's clock, as well as this device can tell. */
    public Instant serverNow() {
        return toServerTime(wall.instant());
    }

    /** This device's clock corrected by the estimate, as a {@link Clock} (for event times). */
    public Clock serverClock() {
        return new Clock() {
            @Override
            public Instant instant() {
                return serverNow();
            }

            @Override
            public ZoneId getZone() {
                return wall.getZone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the corrected clock keeps the device's zone");
            }
        };
    }
}
