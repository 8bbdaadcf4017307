package io.counterline.console.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-05T02:30:00Z");

    @TempDir
    Path dir;

    @Test
    void purge_removesWhatIsOlderThanThePolicy_keepsWhatAWorkOrderHolds_andIsAudited() throws Exception {
        try (RecordingFixture f = new RecordingFixture(dir, Clock.fixed(NOW, ZoneOffset.UTC))) {
            byte[] wav = RecordingFixture.wav(100, 440);
            String old = f.wholeRecording("c1", "b001-20260801-A001", NOW.minus(Duration.ofDays(91)), wav);
            String held = f.wholeRecording("c1", "b001-20260801-A002", NOW.minus(Duration.ofDays(100)), wav);
            String recent = f.wholeRecording("c1", "b001-20261201-A003", NOW.minus(Duration.ofDays(4)), wav);
            for (String id : new String[] {old, held, recent}) {
                Path file = f.root.resolve("2026-12/" + id + ".opus");
                Files.createDirectories(file.getParent());
                Files.write(file, new byte[1000]);
                f.store.stored(id, "2026-12/" + id + ".opus", 1000, "ab".repeat(32), NOW);
            }
            f.store.hold(held, 7, "wang", NOW);
            Retention retention = new Retention(f.store, f.uploads, f.root, f.audit, ZoneId.of("Asia/Shanghai"),
                    Clock.fixed(NOW, ZoneOffset.UTC));

            assertThat(retention.purge("system", "-")).isEqualTo(1);
            assertThat(f.store.find(old).orElseThrow().state()).isEqualTo("purged");
            assertThat(Files.exists(f.root.resolve("2026-12/" + old + ".opus"))).isFalse();
            assertThat(f.store.find(held).orElseThrow().stored()).isTrue();
            assertThat(f.store.find(recent).orElseThrow().stored()).isTrue();
            assertThat(f.audit.newest(10, Optional.of("recording.purge")).get(0).target())
                    .startsWith("1 recordings (1000 bytes) older than 90 days");

            Retention.Storage st = retention.storage();
            assertThat(st.storedBytes()).isEqualTo(2000);
            assertThat(st.bytesPerDay()).isEqualTo(2000 / 7);
            assertThat(st.steadyBytes()).isEqualTo(2000 / 7 * 90);

            assertThatThrownBy(() -> retention.setDays("wang", "-", 0)).isInstanceOf(IllegalArgumentException.class);
            retention.setDays("wang", "-", 30);
            assertThat(f.store.retentionDays()).isEqualTo(30);
        }
    }

    @Test
    void aRecordingIsReadyOnlyWhenSegmentsZeroToLastAreAllAnnouncedAndVerified() throws Exception {
        try (RecordingFixture f = new RecordingFixture(dir, Clock.fixed(NOW, ZoneOffset.UTC))) {
            byte[] a = RecordingFixture.wav(100, 440);
            byte[] b = RecordingFixture.wav(100, 660);
            String rec = java.util.UUID.randomUUID().toString();
            String s0 = java.util.UUID.randomUUID().toString();
            String s1 = java.util.UUID.randomUUID().toString();
            f.store.announce(new Segment("caller-1", rec, s1, 1, true, "b001-20261205-A001", "c1", null, NOW, 100,
                    b.length, RecordingFixture.sha256(b)), NOW);
            f.uploads.append("caller-1", "c1", s1, 0, b.length, RecordingFixture.sha256(b), b.length,
                    new java.io.ByteArrayInputStream(b));
            assertThat(f.store.readyIfComplete(s1, NOW)).isEmpty(); // segment 0 is missing
            f.uploads.append("caller-1", "c1", s0, 0, a.length, RecordingFixture.sha256(a), a.length,
                    new java.io.ByteArrayInputStream(a));
            assertThat(f.store.readyIfComplete(s0, NOW)).isEmpty(); // uploaded, not announced
            f.store.rated("b001-20261205-A001", "dissatisfied"); // the rating comes before the recording is whole
            f.store.announce(new Segment("caller-1", rec, s0, 0, false, "b001-20261205-A001", "c1", null, NOW, 100,
                    a.length, RecordingFixture.sha256(a)), NOW);
            assertThat(f.store.readyIfComplete(s0, NOW)).contains(rec);
            assertThat(f.store.segmentIds(rec)).containsExactly(s0, s1);
            assertThat(f.store.find(rec).orElseThrow().durationMs()).isEqualTo(200);
            assertThat(f.store.find(rec).orElseThrow().ticketNumber()).isEqualTo("A001");
            assertThat(f.store.search(new RecordingStore.Filter(null, null, null, null, null, "dissatisfied", null, null),
                    10)).extracting(RecordingStore.Recording::id).containsExactly(rec);
        }
    }

    @Test
    void aRecordingWithoutAClosingSegment_isFoundOnceQuiet_andClosedAtItsNewestSegment() throws Exception {
        try (RecordingFixture f = new RecordingFixture(dir, Clock.fixed(NOW, ZoneOffset.UTC))) {
            byte[] a = RecordingFixture.wav(100, 440);
            String rec = java.util.UUID.randomUUID().toString();
            String s0 = java.util.UUID.randomUUID().toString();
            f.store.announce(new Segment("caller-1", rec, s0, 0, false, "b001-20261205-A009", "c1", null, NOW, 100,
                    a.length, RecordingFixture.sha256(a)), NOW);
            f.uploads.append("caller-1", "c1", s0, 0, a.length, RecordingFixture.sha256(a), a.length,
                    new java.io.ByteArrayInputStream(a));
            assertThat(f.store.readyIfComplete(s0, NOW)).isEmpty();
            assertThat(f.store.unclosed(NOW)).isEmpty(); // not quiet yet
            List<RecordingStore.Unclosed> quiet = f.store.unclosed(NOW.plus(Recordings.QUIET));
            assertThat(quiet).containsExactly(new RecordingStore.Unclosed(rec, "b001-20261205-A009", "c1", 0));
            assertThat(f.store.closeAt(rec, 0)).contains(s0);
            assertThat(f.store.readyIfComplete(s0, NOW)).contains(rec);
            assertThat(f.store.unclosed(NOW.plus(Recordings.QUIET))).isEmpty();
        }
    }
}
