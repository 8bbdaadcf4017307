package io.counterline.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.outbox.Outbox;
import io.counterline.server.BranchServer;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.testing.BrokerProcess;
import io.counterline.server.testing.DeviceAppenderMain;
import io.counterline.server.testing.JavaProcess;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevice;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox promise, end to end through a real broker process: every event a device committed
 * reaches the server's store exactly once, whatever dies in between. One subclass per broker.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class OutboxDeliveryContract {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private BranchConfig config;
    private TestBranch branch;
    private BrokerProcess broker;
    private BranchServer server;
    private final List<AutoCloseable> devices = new ArrayList<>();

    /** The broker under test, for this branch, listening on {@code branch.brokerPort()}. */
    abstract BrokerProcess broker(TestBranch branch, BranchConfig config, Path dir) throws Exception;

    @BeforeEach
    void startBroker() throws Exception {
        branch = new TestBranch(dir).externalBroker();
        config = branch.config();
        broker = broker(branch, config, dir);
        broker.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable d : devices) {
            d.close();
        }
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void startServer() throws Exception {
        server = BranchServer.start(config, Clock.systemUTC());
    }

    private TestDevice device(String id) throws Exception {
        TestDevice d = TestDevice.start(id, dir.resolve(id + "-outbox.db"), broker.uri(), 1_000_000);
        devices.add(d);
        return d;
    }

    private long stored() throws Exception {
        return server.store().countEvents();
    }

    /** count, distinct seqs, min seq, max seq of one device in the server's store file. */
    private long[] storedSeqs(String device) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server/branch.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq), COUNT(DISTINCT id)"
                     + " FROM device_events WHERE device = '" + device + "'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
        }
    }

    private void append(TestDevice d, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            d.append(i);
        }
    }

    @Test
    void events_brokerKilledAndRestartedTwice_eachStoredOnceAndOutboxEmpties() throws Exception {
        startServer();
        TestDevice device = device("kiosk-1");
        append(device, 700);
        await().atMost(PATIENCE).until(() -> stored() >= 400);
        broker.kill();
        append(device, 700);
        broker.start();
        await().atMost(PATIENCE).until(() -> stored() >= 1200);
        broker.kill();
        append(device, 600);
        broker.start();

        await().atMost(PATIENCE).until(() -> device.outbox().size() == 0 && stored() == 2000);
        assertThat(storedSeqs("kiosk-1")).containsExactly(2000, 2000, 1, 2000, 2000);
        assertThat(server.ingest().stats().rejectedTotal()).isZero();
    }

    @Test
    void deviceProcess_killedWhileAppending_continuesWithoutGapOrReuseAndDeliversAll() throws Exception {
        startServer();
        Path outboxFile = dir.resolve("hall-1-outbox.db");
        Random random = new Random();
        TreeSet<Long> printed = new TreeSet<>();
        long lastOfPreviousRun = 0;
        for (int run = 0; run < 3; run++) {
            int killAfter = 50 + random.nextInt(250);
            Process p = JavaProcess.builder(DeviceAppenderMain.class,
                    List.of("hall-1", outboxFile.toString(), broker.uri())).redirectErrorStream(true).start();
            List<Long> seqs = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null && seqs.size() < killAfter; line = out.readLine()) {
                    if (line.startsWith("SEQ ")) {
                        seqs.add(Long.parseLong(line.substring(4)));
                    }
                }
                p.destroyForcibly();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(seqs).as("run %d printed its appends", run).hasSize(killAfter);
            assertThat(seqs.get(0)).as("first seq of run %d continues after the last one seen", run)
                    .isGreaterThan(lastOfPreviousRun);
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            lastOfPreviousRun = seqs.get(seqs.size() - 1);
            printed.addAll(seqs);
        }

        TestDevice restarted = TestDevice.start("hall-1", outboxFile, broker.uri(), 1_000_000);
        devices.add(restarted);
        Outbox outbox = restarted.outbox();
        assertThat(outbox.movedAside()).as("integrity check passed").isEmpty();
        await().atMost(PATIENCE).until(() -> outbox.size() == 0);
        long[] s = storedSeqs("hall-1");
        long max = s[3];
        assertThat(s).as("count, distinct, min, max, distinct ids").containsExactly(max, max, 1, max, max);
        assertThat(max).isGreaterThanOrEqualTo(printed.last());
        assertThat(restarted.append(0).seq()).as("next sequence after restart").isEqualTo(max + 1);
    }

    @Test
    void serverDownForWholeRun_thenStarted_backlogArrives() throws Exception {
        TestDevice device = device("kiosk-2");
        await().atMost(PATIENCE).until(device::isConnected);
        append(device, 500);
        assertThat(device.outbox().size()).isEqualTo(500);
        startServer();
        await().atMost(PATIENCE).until(() -> device.outbox().size() == 0);
        assertThat(storedSeqs("kiosk-2")).containsExactly(500, 500, 1, 500, 500);
    }
}
