package io.counterline.caller.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.messaging.BusException;
import io.counterline.messaging.BusSettings;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.protocol.Ack;
import io.counterline.protocol.Bodies.RecordingSegment;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.TellerRef;
import io.counterline.protocol.TicketRef;
import io.counterline.protocol.Topics;
import io.counterline.testing.Binaries;
import io.counterline.testing.FreePort;
import io.counterline.testing.Mosquitto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole counter caller as a process on a real Mosquitto, SIGKILLed while a customer is being
 * recorded and the console is down. After the restart (console back, the server played by this
 * test acknowledging events) every segment of the interrupted recording reaches the console
 * whole, the one that was open included, each announced by its event.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CallerProcessKillIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Topics TOPICS = Topics.of("b001");
    private static final String DEVICE = "caller-3";
    private static final String SECRET = "caller-3-secret-0001";

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private final Map<String, RecordingSegment> announced = new ConcurrentHashMap<>();
    private final List<Process> children = new ArrayList<>();
    private Mosquitto broker;
    private PahoMessageBus server;
    private FakeRecordingServer console;

    @AfterEach
    void stopAll() {
        children.forEach(Process::destroyForcibly);
        if (console != null) {
            console.close();
        }
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void sigkillWhileRecording_consoleDown_everySegmentUploadedAfterRestart() throws Exception {
        Binaries.require("mosquitto", "mosquitto");
        broker = Mosquitto.anonymous(dir).start();
        server = new PahoMessageBus(BusSettings.of(broker.uri(), "server", "unused"), Optional.empty());
        server.subscribe(TOPICS.events(DEVICE), (topic, payload) -> onEvent(payload));
        server.start();
        await().atMost(PATIENCE).until(server::isConnected);
        int consolePort = FreePort.find();
        Path config = writeConfig(consolePort);
        Path spool = dir.resolve("caller").resolve("recordings");

        // A customer is called at c3: the caller records; the console is not there.
        publishCounter(CounterStatus.CALLING, "A012");
        Process first = start(config, dir.resolve("first.log"));
        await().atMost(PATIENCE).until(() -> count(spool, ".wav") >= 2 && partBytes(spool) > 44 + 3 * Pcm.BLOCK_BYTES);
        first.destroyForcibly(); // SIGKILL, as a power cut
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int closedBefore = count(spool, ".wav");
        assertThat(count(spool, ".part")).isEqualTo(1);

        // Restart with the console up; the customer is gone meanwhile.
        console = new FakeRecordingServer(DEVICE, SECRET, consolePort);
        publishCounter(CounterStatus.IDLE, null);
        Process again = start(config, dir.resolve("second.log"));
        await().atMost(PATIENCE).until(() -> count(spool, ".wav") == 0 && count(spool, ".part") == 0
                && announced.size() == closedBefore + 1);

        List<RecordingSegment> segments = new ArrayList<>(announced.values());
        segments.sort(Comparator.comparing(RecordingSegment::index));
        assertThat(segments).extracting(RecordingSegment::recordingId).containsOnly(segments.get(0).recordingId());
        for (int i = 0; i < segments.size(); i++) {
            RecordingSegment s = segments.get(i);
            assertThat(s.index()).isEqualTo(i);
            assertThat(s.last()).isEqualTo(i == segments.size() - 1);
            assertThat(s.durationMs()).isEqualTo(i < segments.size() - 1 ? 1000 : s.durationMs());
            assertThat(console.uploads.get(s.segmentId()).complete).isTrue();
            assertThat(console.uploads.get(s.segmentId()).sha256).isEqualTo(s.sha256());
        }
        assertThat(segments.get(segments.size() - 1).durationMs()).isGreaterThanOrEqualTo(300);

        again.getOutputStream().close(); // a clean stop
        assertThat(again.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private void onEvent(byte[] payload) {
        EventEnvelope e = codec.decode(payload, EventEnvelope.class, DEVICE).orThrow();
        if (e.type() == EventType.RECORDING_SEGMENT) {
            RecordingSegment s = codec.decodeBody(e.body(), RecordingSegment.class).orThrow();
            announced.put(s.segmentId(), s); // stored once per segment, as the server does
        }
        try {
            server.publish(TOPICS.acks(DEVICE), codec.encode(Ack.of(DEVICE, e.boot(), List.of(e.seq()))), false);
        } catch (BusException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void publishCounter(CounterStatus status, String number) throws BusException {
        TicketRef ticket = number == null ? null
                : new TicketRef("b001-20261205-" + number, number, "A", Instant.parse("2026-12-05T01:00:00Z"));
        server.publish(TOPICS.counter("c3"), codec.encode(new CounterState(MessageCodec.VERSION, "c3", "3号窗口",
                "Counter 3", status, ticket, new TellerRef("t01", "王芳", "E1001"), null,
                Instant.parse("2026-12-05T01:05:00Z"))), true);
    }

    private Path writeConfig(int consolePort) throws IOException {
        Path config = dir.resolve("caller-3.conf");
        Files.writeString(config, """
                device { id = %s, branch = b001, data-dir = "%s", resend-after = 1s }
                broker { uri = "%s", secret = "%s", reconnect-initial = 200ms, reconnect-max = 1s }
                counter-caller { counter = c3, counter-number = "3", screen.full-screen = false,
                  recording { enabled = true, source = simulated, server-url = "http://127.0.0.1:%d",
                              segment-length = 1s, retry-initial = 100ms, retry-max = 500ms } }
                """.formatted(DEVICE, dir.resolve("caller"), broker.uri(), SECRET, consolePort));
        return config;
    }

    private Process start(Path config, Path log) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), CallerProcessMain.class.getName(),
                "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(p);
        return p;
    }

    private static int count(Path spool, String suffix) throws IOException {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return (int) files.filter(f -> f.toString().endsWith(suffix)).count();
        }
    }

    private static long partBytes(Path spool) throws IOException {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.toString().endsWith(".part")).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
