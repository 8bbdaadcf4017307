package io.counterline.caller.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.outbox.Outbox;
import io.counterline.protocol.Bodies.RecordingSegment;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut in the middle of a segment, with a real process: the recorder runs in a child JVM
 * and is SIGKILLed while its third segment is open. At the next start the open segment is closed
 * and announced as the last of its recording; every segment then reaches the server whole.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RecordingKillIT {
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private Process child;
    private FakeRecordingServer server;
    private SegmentUploader uploader;
    private Outbox outbox;

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly();
        }
        if (uploader != null) {
            uploader.close();
        }
        if (server != null) {
            server.close();
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    @Test
    void sigkillMidSegment_losesAtMostTheOpenSegment_andEverythingElseIsUploaded() throws Exception {
        Path spoolDir = dir.resolve("recordings");
        Path out = dir.resolve("child.log");
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RecordingProcessMain.class.getName(), spoolDir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        // Two segments closed, and the third holds at least 300 ms: kill it there.
        await().atMost(PATIENCE).until(() -> Files.exists(out) && Files.readString(out).contains("CLOSED 1")
                && partBytes(spoolDir) >= WavHeader.SIZE + 3L * Pcm.BLOCK_BYTES);
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(out)).doesNotContain("CLOSED 2");
        long partAtKill = partBytes(spoolDir);

        SegmentSpool spool = SegmentSpool.open(spoolDir);
        List<SegmentSpool.Stored> recovered = spool.recover();
        assertThat(recovered).hasSize(1);
        RecordingSegment last = recovered.get(0).body();
        assertThat(last.index()).isEqualTo(2);
        assertThat(last.last()).isTrue();
        // Whole 100 ms blocks: at most the block being written when the power went is gone.
        assertThat(last.bytes() - WavHeader.SIZE).isEqualTo((partAtKill - WavHeader.SIZE) / Pcm.BLOCK_BYTES * Pcm.BLOCK_BYTES);
        assertThat(last.durationMs()).isGreaterThanOrEqualTo(300);
        assertThat(SegmentSpool.sha256(recovered.get(0).wav())).isEqualTo(last.sha256());
        List<SegmentSpool.Stored> all = spool.waiting();
        assertThat(all).extracting(s -> s.body().index()).containsExactly(0, 1, 2);
        assertThat(all).extracting(s -> s.body().recordingId()).containsOnly(last.recordingId());
        assertThat(all.subList(0, 2)).allMatch(s -> s.body().durationMs() == 1000 && !s.body().last());
        IntercomRecorderTest.checkHeader(Files.readAllBytes(recovered.get(0).wav()));

        // The restarted caller hands all three over.
        server = new FakeRecordingServer("caller-3", "caller-3-secret-0001", 0);
        outbox = Outbox.open(dir.resolve("outbox.db"), "caller-3", 1000, Clock.systemUTC());
        MessageCodec codec = new MessageCodec();
        uploader = new SegmentUploader(IntercomRecorderTest.settings(Duration.ofSeconds(1), 100L << 20), spool,
                Optional.of(new RecordingServer(URI.create("http://127.0.0.1:" + server.port()), "caller-3",
                        "caller-3-secret-0001".toCharArray(), HttpClient.newHttpClient())),
                SegmentUploader.Events.in(outbox, body -> {
                    EventEnvelope e = outbox.append(EventType.RECORDING_SEGMENT, codec.toBody(body));
                    outbox.acknowledge(e.boot(), List.of(e.seq())); // the server commits at once here
                    return e;
                }), h -> { }).start();
        await().atMost(PATIENCE).until(() -> spool.waiting().isEmpty());
        for (SegmentSpool.Stored s : all) {
            assertThat(server.uploads.get(s.id()).sha256).isEqualTo(s.body().sha256());
        }
    }

    private static long partBytes(Path spoolDir) throws Exception {
        if (!Files.isDirectory(spoolDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.filter(f -> f.toString().endsWith(".part")).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
