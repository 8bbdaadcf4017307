package io.counterline.caller.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.protocol.Bodies.RecordingLive;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live audio over a real WebSocket on loopback to a test double of the console's live endpoint. */
class LiveSenderIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final long T0 = 1_795_573_800_000L;

    private FakeRecordingServer server;
    private LiveSender live;

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(String secret) {
        server = new FakeRecordingServer("caller-3", "caller-3-secret-0001", 0);
        live = new LiveSender(new RecordingServer(URI.create("http://127.0.0.1:" + server.port()), "caller-3",
                secret.toCharArray(), HttpClient.newHttpClient()), System::nanoTime).start();
    }

    @Test
    void liveOn_framesArriveWithStrictlyIncreasingCaptureTimes_andStopWhenTheTtlPasses() {
        start("caller-3-secret-0001");
        live.offer(T0, FakeAudioCapture.block(0)); // before any command: not sent
        live.command(new RecordingLive(true, 1500L));
        // Capture times as the corrected clock gives them, one stepping back (a new offset estimate).
        long[] times = {T0 + 100, T0 + 200, T0 + 300, T0 + 250, T0 + 500, T0 + 600};
        for (int i = 0; i < times.length; i++) {
            live.offer(times[i], FakeAudioCapture.block(i + 1));
            int sent = i + 1;
            await().atMost(PATIENCE).until(() -> server.liveFrames.size() == sent);
        }
        List<Long> headers = new ArrayList<>();
        for (int i = 0; i < server.liveFrames.size(); i++) {
            ByteBuffer f = server.liveFrames.get(i).duplicate();
            assertThat(f.remaining()).isEqualTo(8 + Pcm.BLOCK_BYTES);
            headers.add(f.getLong());
            f.order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertThat(f.getShort()).isEqualTo((short) (i + 1)); // the PCM of block i + 1, as captured
        }
        assertThat(headers).startsWith(T0 + 100, T0 + 200, T0 + 300);
        for (int i = 1; i < headers.size(); i++) {
            assertThat(headers.get(i)).isGreaterThan(headers.get(i - 1));
        }
        assertThat(server.liveConnects.get()).isEqualTo(1);

        // No renewal: the device stops by itself and closes the socket.
        await().atMost(PATIENCE).until(() -> server.liveCloses.get() == 1);
        assertThat(live.on()).isFalse();
        live.offer(T0 + 5000, FakeAudioCapture.block(99));
        assertThat(server.liveFrames).hasSize(times.length);
    }

    @Test
    void liveOff_closesAtOnce() {
        start("caller-3-secret-0001");
        live.command(new RecordingLive(true, 60_000L));
        live.offer(T0, FakeAudioCapture.block(1));
        await().atMost(PATIENCE).until(() -> server.liveFrames.size() == 1);
        live.command(new RecordingLive(false, 1000L));
        await().atMost(PATIENCE).until(() -> server.liveCloses.get() == 1);
        assertThat(live.on()).isFalse();
    }

    @Test
    void wrongSecret_isRefusedByTheServer_andNoAudioArrives() {
        start("not-the-secret-0000");
        live.command(new RecordingLive(true, 5_000L));
        live.offer(T0, FakeAudioCapture.block(1));
        await().atMost(PATIENCE).until(() -> server.refusedAuth.get() >= 1);
        assertThat(server.liveFrames).isEmpty();
    }
}
