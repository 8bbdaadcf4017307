package io.counterline.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.HealthLevel;
import io.counterline.protocol.MessageCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();

    private Outbox open(int capacity) throws OutboxException {
        return Outbox.open(dir.resolve("outbox.db"), "kiosk-1", capacity, Clock.systemUTC());
    }

    private EventEnvelope append(Outbox o, int n) throws OutboxException {
        return o.append(EventType.HEALTH_CHANGED, codec.emptyBody().put("n", n));
    }

    @Test
    void append_returnsDurableEnvelopeWithSequenceFromOne() throws Exception {
        try (Outbox o = open(100)) {
            EventEnvelope first = append(o, 1);
            EventEnvelope second = append(o, 2);
            assertThat(first.seq()).isEqualTo(1);
            assertThat(second.seq()).isEqualTo(2);
            assertThat(first.device()).isEqualTo("kiosk-1");
            assertThat(first.boot()).isEqualTo(o.boot()).isPositive();
            assertThat(o.pendingAfter(0, 10)).containsExactly(first, second);
        }
    }

    @Test
    void appendAll_storesAllWithTheirMarkInOneGo_orNothingWhenTheyDoNotFit() throws Exception {
        List<Outbox.Draft> three = List.of(new Outbox.Draft(EventType.HEALTH_CHANGED, codec.emptyBody().put("n", 1)),
                new Outbox.Draft(EventType.HEALTH_CHANGED, codec.emptyBody().put("n", 2)),
                new Outbox.Draft(EventType.HEALTH_CHANGED, codec.emptyBody().put("n", 3)));
        try (Outbox o = open(4)) {
            assertThat(o.mark("copied")).isZero();
            assertThat(o.appendAll(three, "copied", 30)).extracting(EventEnvelope::seq).containsExactly(1L, 2L, 3L);
            assertThatThrownBy(() -> o.appendAll(three, "copied", 60)).isInstanceOf(OutboxFullException.class);
            assertThat(o.size()).isEqualTo(3);
        }
        try (Outbox o = open(4)) {
            assertThat(o.mark("copied")).as("the mark of the last stored batch, durable").isEqualTo(30);
            assertThat(o.pendingAfter(0, 10)).extracting(e -> e.body().get("n").asInt()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void reopen_afterAckOfNewest_neverReusesSequence() throws Exception {
        long boot;
        try (Outbox o = open(100)) {
            append(o, 1);
            append(o, 2);
            append(o, 3);
            assertThat(o.acknowledge(o.boot(), List.of(1L, 2L, 3L))).isEqualTo(3);
            boot = o.boot();
        }
        try (Outbox o = open(100)) {
            assertThat(o.boot()).isEqualTo(boot);
            assertThat(o.size()).isZero();
            assertThat(append(o, 4).seq()).isEqualTo(4);
        }
    }

    @Test
    void holds_untilAcknowledged_andNeverForAnotherGeneration() throws Exception {
        try (Outbox o = open(100)) {
            EventEnvelope first = append(o, 1);
            EventEnvelope second = append(o, 2);
            assertThat(o.holds(o.boot(), first.seq())).isTrue();
            assertThat(o.holds(o.boot() + 1, first.seq())).isFalse();
            o.acknowledge(o.boot(), List.of(first.seq()));
            assertThat(o.holds(o.boot(), first.seq())).isFalse();
            assertThat(o.holds(o.boot(), second.seq())).isTrue();
        }
    }

    @Test
    void acknowledge_otherGeneration_deletesNothing() throws Exception {
        try (Outbox o = open(100)) {
            append(o, 1);
            assertThat(o.acknowledge(o.boot() + 1, List.of(1L))).isZero();
            assertThat(o.size()).isEqualTo(1);
        }
    }

    @Test
    void pendingAfter_cursor_returnsOnlyLaterInOrder() throws Exception {
        try (Outbox o = open(100)) {
            for (int i = 1; i <= 5; i++) {
                append(o, i);
            }
            o.acknowledge(o.boot(), List.of(2L));
            assertThat(o.pendingAfter(1, 10)).extracting(EventEnvelope::seq).containsExactly(3L, 4L, 5L);
            assertThat(o.pendingAfter(0, 2)).extracting(EventEnvelope::seq).containsExactly(1L, 3L);
        }
    }

    @Test
    void health_at80PercentFull_isDegradedAndFullRefusesNewEvents() throws Exception {
        try (Outbox o = open(10)) {
            for (int i = 1; i <= 7; i++) {
                append(o, i);
            }
            assertThat(o.health().level()).isEqualTo(HealthLevel.OK);
            append(o, 8);
            assertThat(o.health().level()).isEqualTo(HealthLevel.DEGRADED);
            assertThat(o.health().reason()).contains("80% full");
            append(o, 9);
            append(o, 10);
            assertThatThrownBy(() -> append(o, 11)).isInstanceOf(OutboxFullException.class)
                    .hasMessageContaining("refused");
            assertThat(o.size()).isEqualTo(10);
            assertThat(o.health().reason()).contains("full");
            o.acknowledge(o.boot(), List.of(1L, 2L, 3L));
            assertThat(o.health().level()).isEqualTo(HealthLevel.OK);
            assertThat(append(o, 11).seq()).isEqualTo(11);
        }
    }

    @Test
    void open_corruptFile_movesItAsideAndStartsNew() throws Exception {
        Path file = dir.resolve("outbox.db");
        Files.write(file, "this is not a database, it is a wreck ".repeat(200).getBytes());
        try (Outbox o = open(10)) {
            assertThat(o.movedAside()).isPresent();
            assertThat(o.movedAside().get()).exists();
            assertThat(Files.readString(o.movedAside().get())).startsWith("this is not a database");
            assertThat(o.health().level()).isEqualTo(HealthLevel.DEGRADED);
            assertThat(o.health().reason()).contains("corrupt");
            assertThat(append(o, 1).seq()).isEqualTo(1);
        }
    }

    @Test
    void open_soundFile_passesIntegrityCheck() throws Exception {
        try (Outbox o = open(10)) {
            append(o, 1);
        }
        try (Outbox o = open(10)) {
            assertThat(o.movedAside()).isEmpty();
            assertThat(o.size()).isEqualTo(1);
        }
    }
}
