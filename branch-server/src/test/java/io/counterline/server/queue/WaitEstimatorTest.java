package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitEstimatorTest {
    private final WaitEstimator estimator = new WaitEstimator(Duration.ofMinutes(5), 20);

    @Test
    void estimate_underAMinuteWithPeopleAhead_publishedAsOneMinuteNotNoWait() {
        estimator.served("A", Duration.ofSeconds(10));

        assertThat(estimator.estimateSeconds("A", 2, 2)).as("2 ahead × 10 s / 2 counters = 10 s").isEqualTo(60);
        assertThat(estimator.estimateSeconds("A", 0, 2)).isZero();
    }

    @Test
    void estimate_roundedUpToWholeMinutes() {
        estimator.served("A", Duration.ofSeconds(100));
        estimator.served("A", Duration.ofMillis(100_500));

        assertThat(estimator.estimateSeconds("A", 3, 1)).as("3 × 100.25 s = 300.75 s").isEqualTo(360);
        assertThat(estimator.estimateSeconds("B", 1, 0)).as("default 5 min, no counter open").isEqualTo(300);
    }
}
