package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.server.config.ServiceConfig;
import io.counterline.server.store.Rows;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumberingTest {
    private final ServiceConfig a = new ServiceConfig("A", "A", "个人", "Personal", 1, 100, LocalTime.MIN, LocalTime.MAX);
    private final Numbering numbering = new Numbering();

    @Test
    void online_startsAtFirst_evenAfterALease() throws Exception {
        assertThat(numbering.lease(a, 20)).isEqualTo(new Numbering.Block(81, 100));
        assertThat(numbering.takeOnline(a)).isEqualTo(1);
        assertThat(numbering.takeOnline(a)).isEqualTo(2);
        assertThat(numbering.next(a)).isEqualTo(3);
        assertThat(numbering.lease(a, 20)).isEqualTo(new Numbering.Block(61, 80));
    }

    @Test
    void onlineAndLeases_meetInTheMiddle_thenExhausted_neverTwice() throws Exception {
        numbering.lease(a, 95);
        assertThat(numbering.lease(a, 10)).as("only what is left").isEqualTo(new Numbering.Block(1, 5));
        assertThatThrownBy(() -> numbering.takeOnline(a)).isInstanceOf(QueueException.class)
                .extracting(e -> ((QueueException) e).error()).isEqualTo(QueueError.NUMBERS_EXHAUSTED);
        assertThatThrownBy(() -> numbering.lease(a, 1)).isInstanceOf(QueueException.class);
    }

    @Test
    void reset_fromStore_leasesBelowTheOnlineNextNoLongerBound() throws Exception {
        // A lease from before blocks came from the top (2..21), and one from the top (91..100).
        numbering.reset(Map.of("A", 22), List.of(new Rows.LeaseRow("k1", "d", "A", 2, 21),
                new Rows.LeaseRow("k1", "d", "A", 91, 100)));
        assertThat(numbering.takeOnline(a)).isEqualTo(22);
        assertThat(numbering.lease(a, 5)).isEqualTo(new Numbering.Block(86, 90));
    }

    @Test
    void noteOffline_strayNumber_movesTheNearerEnd() throws Exception {
        numbering.lease(a, 10); // 91..100
        assertThat(numbering.noteOffline(a, 5)).as("near the online end").isEmpty();
        assertThat(numbering.takeOnline(a)).isEqualTo(6);
        assertThat(numbering.noteOffline(a, 80)).contains(new Numbering.Block(80, 90));
        assertThat(numbering.lease(a, 1)).isEqualTo(new Numbering.Block(79, 79));
        assertThat(numbering.noteOffline(a, 95)).as("inside a known lease").isEmpty();
        assertThat(numbering.noteOffline(a, 3)).as("already given out").isEmpty();
    }
}
