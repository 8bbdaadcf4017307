package io.counterline.caller.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import io.counterline.testing.Binaries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real capture through ALSA's arecord (alsa-utils). CI has no sound card: ALSA's {@code null}
 * device captures at any format, which is enough to show the child process, the raw format and
 * the block framing; a card that is not there shows the health a pulled USB card gives.
 */
class ArecordAudioCaptureIT {
    @TempDir
    Path dir;

    @Test
    void nullDevice_deliversWholeBlocks_untilClosed() throws Exception {
        String arecord = Binaries.require("arecord", "alsa-utils").toString();
        ArecordAudioCapture capture = new ArecordAudioCapture(arecord, "null");
        // ALSA's null capture hands out whatever its buffer held (not zeros): only the framing is checked.
        byte[] block = new byte[Pcm.BLOCK_BYTES];
        for (int i = 0; i < 30; i++) {
            capture.read(block); // returns only once the whole 100 ms block is there
        }
        capture.close();
        assertThatThrownBy(() -> capture.read(block)).isInstanceOf(IOException.class);
    }

    @Test
    void cardNotThere_failsSayingWhatToCheck_andTheRecorderReportsIt() throws Exception {
        String arecord = Binaries.require("arecord", "alsa-utils").toString();
        try (ArecordAudioCapture capture = new ArecordAudioCapture(arecord, "hw:CARD=NoSuchCard,DEV=0")) {
            assertThatThrownBy(() -> capture.read(new byte[Pcm.BLOCK_BYTES])).isInstanceOf(IOException.class)
                    .hasMessageContaining("arecord -D hw:CARD=NoSuchCard,DEV=0 ended")
                    .hasMessageContaining("audio open error")
                    .hasMessageContaining("is the USB sound card plugged in?");
        }
        List<Health> health = new CopyOnWriteArrayList<>();
        try (IntercomRecorder recorder = new IntercomRecorder(
                IntercomRecorderTest.settings(Duration.ofSeconds(1), 1L << 20),
                new ArecordAudioCapture(arecord, "hw:CARD=NoSuchCard,DEV=0"), SegmentSpool.open(dir),
                System::currentTimeMillis, "c3", new IntercomRecorder.Listener() {
                    @Override
                    public void health(Health h) {
                        health.add(h);
                    }
                }, null).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !health.isEmpty());
            assertThat(health.get(0).level()).isEqualTo(HealthLevel.DEGRADED);
            assertThat(health.get(0).reason()).startsWith("recording: arecord -D hw:CARD=NoSuchCard,DEV=0")
                    .contains("plugged in");
        }
    }
}
