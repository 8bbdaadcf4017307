package io.counterline.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The device's clock offset from request/answer samples, with the device and the server on skewed manual clocks. */
class ClockOffsetTest {
    /** The server's clock minus the device's: the device is five minutes behind. */
    private static final Duration TRUE_OFFSET = Duration.ofMinutes(5).plusMillis(137);

    private final ManualClock device = new ManualClock();
    private final ClockOffset offset = new ClockOffset(device, device);

    /** One request: {@code out} on the way there, the server stamps its time, {@code back} on the way back. */
    private ClockOffset.Sample exchange(long outMillis, long backMillis) {
        ClockOffset.Start start = offset.start();
        device.advanceMillis(outMillis);
        Instant serverTime = device.instant().plus(TRUE_OFFSET);
        device.advanceMillis(backMillis);
        return offset.answered(start, serverTime);
    }

    private static Duration error(Duration estimate) {
        return estimate.minus(TRUE_OFFSET).abs();
    }

    @Test
    void estimate_beforeAnySample_emptyAndTimesUncorrected() {
        assertThat(offset.estimate()).isEmpty();
        assertThat(offset.serverNow()).isEqualTo(device.instant());
    }

    @Test
    void sample_lopsidedTrip_withinHalfTheRoundTrip() {
        ClockOffset.Sample s = exchange(10, 490);

        assertThat(s.roundTrip()).isEqualTo(Duration.ofMillis(500));
        assertThat(error(s.offset())).isLessThanOrEqualTo(s.bound());
        assertThat(error(s.offset())).as("a lopsided trip is off, but within the bound").isPositive();
        assertThat(offset.serverNow()).isEqualTo(device.instant().plus(s.offset()));
    }

    @Test
    void estimate_severalSamples_shortestRoundTripBelieved() {
        exchange(400, 20);
        ClockOffset.Sample quick = exchange(3, 5);
        exchange(900, 10);

        assertThat(offset.best()).contains(quick);
        assertThat(error(offset.estimate().orElseThrow())).isLessThanOrEqualTo(Duration.ofMillis(4));
    }

    @Test
    void estimate_deviceAheadAndWallClockStepped_roundTripStillMonotonic() {
        ClockOffset.Start start = offset.start();
        device.advanceMillis(20);
        Instant serverTime = device.instant().plus(TRUE_OFFSET);
        // An NTP step on the device mid-request: the wall clock jumps, the round trip does not.
        device.set(device.instant().plusSeconds(3600));
        ClockOffset.Sample s = offset.answered(start, serverTime);

        assertThat(s.roundTrip()).isEqualTo(Duration.ofMillis(20));
        assertThat(error(s.offset())).isLessThanOrEqualTo(s.bound());
    }

    @Test
    void samples_onlyTheRecentOnesKept() {
        ClockOffset.Sample old = exchange(0, 0);
        for (int i = 0; i < ClockOffset.SAMPLES; i++) {
            exchange(50, 50);
        }
        assertThat(offset.best()).isNotEqualTo(java.util.Optional.of(old));
        assertThat(offset.best().orElseThrow().roundTrip()).isEqualTo(Duration.ofMillis(100));
    }
}
