package io.counterline.pad;

import static io.counterline.pad.Pads.PAD;
import static io.counterline.pad.Pads.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.messaging.BusException;
import io.counterline.messaging.BusSettings;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.protocol.Ack;
import io.counterline.protocol.Bodies.RatingGiven;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.testing.Mosquitto;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rating promise across a power cut, with real processes: a pad process on a real Mosquitto
 * is SIGKILLed right after it showed the thank-you; the server (played by this test) had not
 * acknowledged anything. After a restart the rating reaches the server, exactly once after
 * dedupe by event id, the outbox empties on the ack, and the retained arm does not arm the pad
 * again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PadProcessKillIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final MessageCodec codec = new MessageCodec();
    private final List<Process> children = new ArrayList<>();
    private final Map<String, RatingGiven> ratingsById = new ConcurrentHashMap<>();
    private final List<String> receipts = new CopyOnWriteArrayList<>();
    private volatile boolean acking;

    @TempDir
    Path dir;

    private Mosquitto broker;
    private PahoMessageBus server;

    @AfterEach
    void stopAll() {
        children.forEach(Process::destroyForcibly);
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void sigkillRightAfterFeedback_ratingDeliveredAfterRestartExactlyOnce() throws Exception {
        broker = Mosquitto.anonymous(dir).start();
        startServer();
        server.publish(TOPICS.commands(PAD), codec.encode(Pads.command(Pads.arm("arm-1"))), true);
        Path config = writeConfig();

        List<String> first = new CopyOnWriteArrayList<>();
        Process pad = startPad(config, first);
        await().atMost(PATIENCE).until(() -> first.contains("FEEDBACK") || !pad.isAlive());
        pad.destroyForcibly(); // SIGKILL, as a power cut
        assertThat(pad.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first).as(first::toString).contains("ARMED arm-1", "FEEDBACK");

        assertThat(outboxRatings()).as("rating.given in the dead pad's outbox").isEqualTo(1);

        acking = true;
        List<String> second = new CopyOnWriteArrayList<>();
        Process again = startPad(config, second);
        await().atMost(PATIENCE).until(() -> ratingsById.size() == 1 && outboxRatings() == 0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> ratingsById.size() == 1 && !second.contains("ARMED arm-1"));
        assertThat(second).as(second::toString).contains("READY");

        RatingGiven rating = ratingsById.values().iterator().next();
        assertThat(rating.armId()).isEqualTo("arm-1");
        assertThat(rating.level().wire()).isEqualTo("satisfied");
        assertThat(rating.ticketId()).isEqualTo("b001-20261122-A012");
        assertThat(rating.teller()).isEqualTo("t01");
        assertThat(receipts).as("deliveries, before dedupe").isNotEmpty();

        again.getOutputStream().close(); // a clean stop
        assertThat(again.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private void startServer() {
        server = new PahoMessageBus(BusSettings.of(broker.uri(), "server", "unused"), Optional.empty());
        server.subscribe(TOPICS.events(PAD), (topic, payload) -> onEvent(payload));
        server.start();
        await().atMost(PATIENCE).until(server::isConnected);
    }

    /** Stores by event id (dedupe), acking only once the test allows it. */
    private void onEvent(byte[] payload) {
        EventEnvelope e = codec.decode(payload, EventEnvelope.class, PAD).orThrow();
        receipts.add(e.id());
        if (e.type() == EventType.RATING_GIVEN) {
            ratingsById.putIfAbsent(e.id(), codec.decodeBody(e.body(), RatingGiven.class).orThrow());
        }
        if (acking) {
            try {
                server.publish(TOPICS.acks(PAD), codec.encode(Ack.of(PAD, e.boot(), List.of(e.seq()))), false);
            } catch (BusException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    private Path writeConfig() throws IOException {
        Path config = dir.resolve("pad-1.conf");
        Files.writeString(config, """
                device { id = %s, branch = %s, data-dir = "%s", resend-after = 1s }
                broker { uri = "%s", secret = "pad-1-secret-0001", reconnect-initial = 200ms, reconnect-max = 1s }
                rating-pad { counter = %s, keys.type = simulated, thanks-for = 3s }
                """.formatted(PAD, Pads.BRANCH, dir.resolve("pad"), broker.uri(), Pads.COUNTER));
        return config;
    }

    private Process startPad(Path config, List<String> lines) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), PadProcessMain.class.getName(),
                "--config", config.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        children.add(p);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    System.out.println("[pad " + p.pid() + "] " + line);
                }
            } catch (IOException e) {
                // the process died: its output ends here
            }
        }, "pad-output-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    /** rating.given events in the pad's outbox file, read beside the pad (WAL allows it). */
    private int outboxRatings() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("pad").resolve("outbox.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE type = 'rating.given'")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
