package io.counterline.console.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentUploadsTest {
    private static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void wrongOffset_isAConflictNamingTheServersOffset_andAWrongChecksumDropsTheStaging() throws Exception {
        try (RecordingFixture f = new RecordingFixture(dir, Clock.fixed(NOW, ZoneOffset.UTC))) {
            byte[] wav = RecordingFixture.wav(500, 440);
            String segment = UUID.randomUUID().toString();
            String sha = RecordingFixture.sha256(wav);
            SegmentUploads.Outcome first = f.uploads.append("caller-1", "c1", segment, 0, wav.length, sha, 1000,
                    new ByteArrayInputStream(Arrays.copyOf(wav, 1000)));
            assertThat(first).isEqualTo(new SegmentUploads.Outcome.Progress(1000, false, false));
            assertThat(f.uploads.append("caller-1", "c1", segment, 0, wav.length, sha, 10,
                    new ByteArrayInputStream(new byte[10]))).isEqualTo(new SegmentUploads.Outcome.Conflict(1000));
            assertThat(f.uploads.offset("caller-1", "c1", segment))
                    .isEqualTo(new SegmentUploads.Outcome.Progress(1000, false, false));

            byte[] rest = Arrays.copyOfRange(wav, 1000, wav.length);
            rest[rest.length - 1] ^= 1; // one bit flipped on the way
            assertThat(f.uploads.append("caller-1", "c1", segment, 1000, wav.length, sha, rest.length,
                    new ByteArrayInputStream(rest))).isInstanceOf(SegmentUploads.Outcome.Mismatch.class);
            assertThat(f.uploads.offset("caller-1", "c1", segment))
                    .isEqualTo(new SegmentUploads.Outcome.Progress(0, false, false));

            assertThat(f.uploads.append("caller-1", "c1", segment, 0, wav.length, sha, wav.length,
                    new ByteArrayInputStream(wav))).isEqualTo(new SegmentUploads.Outcome.Progress(wav.length, true, true));
            assertThat(Files.readAllBytes(f.uploads.segmentFile(segment))).isEqualTo(wav);
            // Another device may neither see nor add to it.
            assertThat(f.uploads.offset("caller-2", "c2", segment)).isInstanceOf(SegmentUploads.Outcome.Forbidden.class);
        }
    }

    @Test
    void anUploadThatDisagreesWithTheAnnouncement_isRefused() throws Exception {
        try (RecordingFixture f = new RecordingFixture(dir, Clock.fixed(NOW, ZoneOffset.UTC))) {
            byte[] wav = RecordingFixture.wav(200, 440);
            String segment = UUID.randomUUID().toString();
            f.store.announce(new Segment("caller-1", UUID.randomUUID().toString(), segment, 0, true, "b001-20261205-A001",
                    "c1", null, NOW, 200, wav.length, RecordingFixture.sha256(wav)), NOW);
            assertThat(f.uploads.append("caller-1", "c1", segment, 0, wav.length + 1, RecordingFixture.sha256(wav), 10,
                    new ByteArrayInputStream(new byte[10]))).isInstanceOf(SegmentUploads.Outcome.Bad.class);
            // The right device at the wrong counter (its configuration changed): refused too.
            assertThat(f.uploads.offset("caller-1", "c9", segment)).isInstanceOf(SegmentUploads.Outcome.Forbidden.class);
        }
    }
}
