package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.server.store.Rows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinThrottleTest {
    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private final PinThrottle throttle = new PinThrottle();
    private final String teller = PinThrottle.teller("t1");
    private final String counter = PinThrottle.counter("c1");

    @Test
    void freeFailuresThenGrowingLocks_perTellerAndPerCounter() {
        for (int i = 0; i < PinThrottle.FREE_FAILURES; i++) {
            throttle.failed(T0, teller, counter);
        }
        assertThat(throttle.lockedUntil(T0, teller, counter)).isEmpty();
        List<Rows.LockoutRow> rows = throttle.failed(T0, teller, counter);
        assertThat(rows).extracting(Rows.LockoutRow::subject).containsExactly(teller, counter);
        assertThat(throttle.lockedUntil(T0, teller)).contains(T0.plusSeconds(30));
        assertThat(throttle.lockedUntil(T0, PinThrottle.teller("t2"), counter)).as("the counter too")
                .contains(T0.plusSeconds(30));
        Instant later = T0.plusSeconds(31);
        assertThat(throttle.lockedUntil(later, teller, counter)).isEmpty();
        throttle.failed(later, teller, counter);
        assertThat(throttle.lockedUntil(later, teller)).as("doubled").contains(later.plusSeconds(60));
        assertThat(throttle.succeeded(teller, counter)).hasSize(2);
        assertThat(throttle.lockedUntil(later, teller, counter)).isEmpty();
    }

    @Test
    void lockFor_growsAndIsCapped() {
        assertThat(PinThrottle.lockFor(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(PinThrottle.lockFor(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(PinThrottle.lockFor(1000)).isEqualTo(PinThrottle.LONGEST_LOCK);
    }

    @Test
    void restore_keepsLocksAcrossARestart() {
        throttle.restore(List.of(new Rows.LockoutRow(teller, 7, T0.plusSeconds(90))));
        assertThat(throttle.lockedUntil(T0, teller)).contains(T0.plusSeconds(90));
    }
}
