package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.protocol.CounterStatus;
import io.counterline.server.config.CounterConfig;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterSeatTest {
    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private final CounterSeat seat = new CounterSeat(
            new CounterConfig("c1", "1", "1号窗口", "Counter 1", Map.of("A", 3)), T0);

    private static QueueError errorOf(ThrowingStep step) {
        try {
            step.run();
        } catch (QueueException e) {
            return e.error();
        }
        throw new AssertionError("expected a refusal");
    }

    @FunctionalInterface
    private interface ThrowingStep {
        void run() throws QueueException;
    }

    @Test
    void closedSeat_refusesEverythingButSignIn() throws Exception {
        assertThat(errorOf(seat::requireSignedIn)).isEqualTo(QueueError.NOT_SIGNED_IN);
        assertThat(errorOf(() -> seat.signOut(T0))).isEqualTo(QueueError.NOT_SIGNED_IN);
        assertThat(errorOf(() -> seat.pause("x", T0))).isEqualTo(QueueError.NOT_SIGNED_IN);
        assertThat(seat.signIn("t1", T0.plusSeconds(1))).isTrue();
        assertThat(seat.status).isEqualTo(CounterStatus.IDLE);
        assertThat(seat.since).isEqualTo(T0.plusSeconds(1));
        assertThat(seat.signIn("t1", T0.plusSeconds(2))).as("again: nothing changes").isFalse();
    }

    @Test
    void withACustomer_pauseSignOutAndAnotherTellerAreRefused() throws Exception {
        seat.signIn("t1", T0);
        Ticket t = new Ticket("id", "d", "A", 1, "A001", T0, "k1", false);
        t.status = TicketStatus.CALLED;
        seat.calling(t, T0);
        assertThat(seat.status).isEqualTo(CounterStatus.CALLING);
        assertThat(seat.calledNotStarted("")).isSameAs(t);
        assertThat(errorOf(() -> seat.pause("午休", T0))).isEqualTo(QueueError.FINISH_CURRENT_FIRST);
        assertThat(errorOf(() -> seat.signOut(T0))).isEqualTo(QueueError.FINISH_CURRENT_FIRST);
        assertThatThrownBy(() -> seat.signIn("t2", T0)).isInstanceOf(QueueException.class);
        t.status = TicketStatus.SERVING;
        seat.serving(T0);
        assertThat(errorOf(() -> seat.calledNotStarted(""))).isEqualTo(QueueError.WRONG_STATE);
        seat.free(T0);
        assertThat(errorOf(seat::current)).isEqualTo(QueueError.NO_CURRENT_TICKET);
    }

    @Test
    void pauseResume_andTheOpenCounterCount() throws Exception {
        seat.signIn("t1", T0);
        assertThat(seat.isOpenFor("A")).isTrue();
        assertThat(seat.isOpenFor("B")).isFalse();
        assertThat(errorOf(() -> seat.resume(T0))).isEqualTo(QueueError.NOT_PAUSED);
        seat.pause("午休", T0);
        assertThat(seat.isOpenFor("A")).isFalse();
        assertThat(errorOf(seat::requireNotPaused)).isEqualTo(QueueError.COUNTER_PAUSED);
        seat.resume(T0);
        assertThat(seat.pauseReason).isNull();
        assertThat(seat.signOut(T0)).isEqualTo("t1");
        assertThat(seat.row().status()).isEqualTo("CLOSED");
    }
}
