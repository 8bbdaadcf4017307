package io.counterline.caller.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.outbox.Outbox;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import io.counterline.protocol.MessageCodec;
import io.counterline.testing.CuttingProxy;
import io.counterline.testing.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-over on real parts: segment files on disk, the device's SQLite outbox, HTTP over
 * loopback to a test double of the console's upload endpoint, and a proxy that cuts the
 * connection in the middle of a chunk.
 */
class SegmentUploaderIT {
    private static final String DEVICE = "caller-3";
    private static final String SECRET = "caller-3-secret-0001";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private final List<Health> health = new CopyOnWriteArrayList<>();
    private Outbox outbox;
    private SegmentSpool spool;
    private SegmentUploader uploader;
    private FakeRecordingServer server;
    private CuttingProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (uploader != null) {
            uploader.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    private void startUploader(int port) throws Exception {
        outbox = Outbox.open(dir.resolve("outbox.db"), DEVICE, 1000, Clock.systemUTC());
        spool = SegmentSpool.open(dir.resolve("recordings"));
        RecordingServer to = new RecordingServer(URI.create("http://127.0.0.1:" + port), DEVICE,
                SECRET.toCharArray(), HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build());
        uploader = new SegmentUploader(IntercomRecorderTest.settings(Duration.ofSeconds(3), 100L << 20), spool,
                Optional.of(to), SegmentUploader.Events.in(outbox,
                        body -> outbox.append(EventType.RECORDING_SEGMENT, codec.toBody(body))), health::add);
    }

    /** A closed segment of {@code seconds} of numbered blocks, as the recorder leaves it. */
    private SegmentSpool.Stored segment(String recording, int index, int seconds) throws Exception {
        SegmentSpool.Writing w = spool.begin(new SegmentSpool.Start(recording, UUID.randomUUID().toString(), index,
                "b001-20261122-A012", "c3", "t01", 1_795_573_800_000L + index * 3000L));
        for (int i = 0; i < seconds * 10; i++) {
            w.append(FakeAudioCapture.block(index * 100 + i));
        }
        return w.close(true);
    }

    private List<Long> pendingSeqs() throws Exception {
        return outbox.pendingAfter(0, 100).stream().map(EventEnvelope::seq).toList();
    }

    @Test
    void uploadCutMidChunk_resumesFromTheServersOffset_andTheServerHoldsTheSameBytes() throws Exception {
        server = new FakeRecordingServer(DEVICE, SECRET, 0);
        // 3 s segment = 192,044 bytes in 64 KiB chunks; the cut falls inside the second chunk.
        proxy = new CuttingProxy(server.port());
        proxy.cutRequestAfter(100_000);
        startUploader(proxy.port());
        SegmentSpool.Stored s = segment(UUID.randomUUID().toString(), 0, 3);
        byte[] onDevice = Files.readAllBytes(s.wav());
        uploader.start();

        await().atMost(PATIENCE).until(() -> server.uploads.containsKey(s.id()) && server.uploads.get(s.id()).complete);
        FakeRecordingServer.Upload stored = server.uploads.get(s.id());
        assertThat(proxy.cuts()).isEqualTo(1);
        assertThat(stored.sha256).isEqualTo(s.body().sha256()).isEqualTo(SegmentSpool.sha256(s.wav()));
        assertThat(stored.data.toByteArray()).isEqualTo(onDevice);
        // After the cut the device asked where to go on, and went on from there, not from 0.
        int cut = server.requests.indexOf("PATCH " + s.id() + " @65536");
        List<String> after = server.requests.subList(cut + 1, server.requests.size());
        assertThat(after.get(0)).isEqualTo("HEAD " + s.id());
        assertThat(after.get(1)).startsWith("PATCH " + s.id() + " @").isNotEqualTo("PATCH " + s.id() + " @0");
        assertThat(server.refusedAuth.get()).isZero();

        // Uploaded, but its event is not acknowledged yet: the file stays.
        await().atMost(PATIENCE).until(() -> spool.waiting().get(0).uploaded());
        assertThat(Files.exists(s.wav())).isTrue();
        assertThat(pendingSeqs()).hasSize(1);
        outbox.acknowledge(outbox.boot(), pendingSeqs());
        uploader.wake();
        await().atMost(PATIENCE).until(() -> spool.waiting().isEmpty());
        assertThat(Files.exists(s.wav())).isFalse();
    }

    @Test
    void serverDownForAWholeTransaction_segmentsWait_andAreUploadedWhenItIsBack() throws Exception {
        int port = FreePort.find();
        startUploader(port);
        String recording = UUID.randomUUID().toString();
        List<SegmentSpool.Stored> segments = List.of(segment(recording, 0, 1), segment(recording, 1, 1),
                segment(recording, 2, 1));
        uploader.start();
        // Announced (events in the outbox, even acknowledged), but the server is away: nothing deleted.
        await().atMost(PATIENCE).until(() -> pendingSeqs().size() == 3);
        outbox.acknowledge(outbox.boot(), pendingSeqs());
        await().atMost(PATIENCE).until(() -> !health.isEmpty() && health.get(health.size() - 1).level() == HealthLevel.DEGRADED);
        assertThat(health.get(health.size() - 1).reason()).contains("upload fails");
        assertThat(spool.waiting()).hasSize(3).noneMatch(SegmentSpool.Stored::uploaded);
        assertThat(segments).allMatch(s -> Files.exists(s.wav()));

        server = new FakeRecordingServer(DEVICE, SECRET, port);
        await().atMost(PATIENCE).until(() -> spool.waiting().isEmpty());
        for (SegmentSpool.Stored s : segments) {
            assertThat(server.uploads.get(s.id()).complete).isTrue();
            assertThat(server.uploads.get(s.id()).sha256).isEqualTo(s.body().sha256());
        }
        await().atMost(PATIENCE).until(() -> health.get(health.size() - 1).equals(Health.OK));
    }

    @Test
    void damagedOnDisk_isNotSent_keptAndReported() throws Exception {
        server = new FakeRecordingServer(DEVICE, SECRET, 0);
        startUploader(server.port());
        SegmentSpool.Stored s = segment(UUID.randomUUID().toString(), 0, 1);
        // The file is damaged on disk after it was closed: the device notices before sending.
        byte[] bytes = Files.readAllBytes(s.wav());
        bytes[100] ^= 1;
        Files.write(s.wav(), bytes);
        uploader.start();
        await().atMost(PATIENCE).until(() -> pendingSeqs().size() == 1);
        outbox.acknowledge(outbox.boot(), pendingSeqs());
        await().atMost(PATIENCE).until(() -> !health.isEmpty());
        assertThat(health.get(health.size() - 1).reason()).contains("no longer matches its checksum");
        assertThat(server.uploads).doesNotContainKey(s.id());
        assertThat(Files.exists(s.wav())).isTrue();
    }
}
