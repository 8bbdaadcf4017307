package io.counterline.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delayAfter_failures_doublesUpToMax() {
        Backoff b = Backoff.DEFAULT;
        assertThat(b.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delayAfter(7)).isEqualTo(Duration.ofSeconds(64));
        assertThat(b.delayAfter(8)).isEqualTo(Duration.ofSeconds(120));
        assertThat(b.delayAfter(1000)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void create_maxBelowInitial_isRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
