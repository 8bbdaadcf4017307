package io.counterline.console.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.testing.Binaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code opusenc}/{@code opusdec} (Debian opus-tools). */
class EncodeWorkerTest {
    private static final Instant NOW = Instant.parse("2026-12-05T02:30:00Z");

    @TempDir
    Path dir;

    @Test
    void aRecordingLeftReadyBeforeARestart_isEncodedWhenTheWorkerStarts_andItsSegmentsGoOnlyThen() throws Exception {
        Binaries.require("opusenc", "opus-tools");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        String id;
        Path segmentFile;
        try (RecordingFixture f = new RecordingFixture(dir, clock)) {
            id = f.wholeRecording("c1", "b001-20261205-A007", NOW, RecordingFixture.wav(3000, 440));
            segmentFile = f.uploads.segmentFile(f.store.segmentIds(id).get(0));
        } // the server stops before the encoder ran
        try (RecordingFixture f = new RecordingFixture(dir, clock);
             EncodeWorker worker = new EncodeWorker(f.store, f.uploads, new OpusEncoder(), f.root, clock).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> f.store.find(id).orElseThrow().stored());
            RecordingStore.Recording r = f.store.find(id).orElseThrow();
            Path opus = f.root.resolve(r.file());
            assertThat(new String(Files.readAllBytes(opus), 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("OggS");
            assertThat(r.bytes()).isEqualTo(Files.size(opus));
            assertThat(r.sha256()).isEqualTo(SegmentUploads.sha256(opus));
            assertThat(Files.exists(segmentFile)).isFalse();
        }
    }

    @Test
    void aSegmentThatIsNotTheContractsFormat_failsTheRecording_andKeepsItsSegments() throws Exception {
        Binaries.require("opusenc", "opus-tools");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (RecordingFixture f = new RecordingFixture(dir, clock)) {
            byte[] mono = RecordingFixture.wav(500, 440);
            java.nio.ByteBuffer.wrap(mono).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 1);
            String id = f.wholeRecording("c1", "b001-20261205-A008", NOW, mono);
            Path segmentFile = f.uploads.segmentFile(f.store.segmentIds(id).get(0));
            try (EncodeWorker worker = new EncodeWorker(f.store, f.uploads, new OpusEncoder(), f.root, clock).start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> f.store.find(id).orElseThrow().state().equals("failed"));
            }
            assertThat(f.store.find(id).orElseThrow().error()).contains("wav-s16le-16k-stereo");
            assertThat(Files.exists(segmentFile)).isTrue();
        }
    }
}
