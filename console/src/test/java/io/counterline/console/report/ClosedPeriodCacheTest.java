package io.counterline.console.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedPeriodCacheTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T04:00:00Z"), ZONE);
    private final ClosedPeriodCache cache = new ClosedPeriodCache(clock, () -> java.time.LocalDate.now(clock.withZone(ZONE)));
    private final AtomicInteger computed = new AtomicInteger();

    @Test
    void aPeriodThatEnded_isComputedOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get("nov", LocalDate.parse("2026-11-30"), computed::incrementAndGet)).isEqualTo(1);
        }
        assertThat(computed).hasValue(1);
    }

    @Test
    void aPeriodThatIncludesToday_isComputedEveryTime() throws Exception {
        cache.get("dec", LocalDate.parse("2026-12-05"), computed::incrementAndGet);
        cache.get("dec", LocalDate.parse("2026-12-05"), computed::incrementAndGet);
        assertThat(computed).hasValue(2);
    }

    @Test
    void aFailedComputation_isNotKept() throws Exception {
        try {
            cache.get("nov", LocalDate.parse("2026-11-30"), () -> {
                throw new IllegalStateException("store away");
            });
        } catch (IllegalStateException expected) {
            // the caller sees the failure
        }
        assertThat(cache.get("nov", LocalDate.parse("2026-11-30"), computed::incrementAndGet)).isEqualTo(1);
    }
}
