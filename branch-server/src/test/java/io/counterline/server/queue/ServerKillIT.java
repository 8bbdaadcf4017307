package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import io.counterline.server.BranchServerMain;
import io.counterline.server.testing.JavaProcess;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The branch server process (with its embedded broker) is SIGKILLed while a kiosk issues
 * tickets. The kiosk retries each request with its id until answered. Afterwards every answer is
 * a ticket the store holds, numbering continued, and no number was issued twice.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServerKillIT {
    private static final int TICKETS = 100;

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();

    private Process startServer(Path config, int run) throws Exception {
        return JavaProcess.start(BranchServerMain.class, List.of("--config", config.toString()),
                dir.resolve("server-" + run + ".log"));
    }

    private String issue(DeviceRuntime kiosk, int i) throws Exception {
        for (int attempt = 0; attempt < 60; attempt++) {
            await().atMost(Duration.ofSeconds(60)).until(kiosk::isConnected);
            try {
                Response r = kiosk.requests().send("issue-" + i, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"),
                        Duration.ofSeconds(2)).get(10, TimeUnit.SECONDS);
                assertThat(r.ok()).as("%s", r.error()).isTrue();
                return codec.decodeBody(r.result(), Bodies.IssuedTicket.class).orThrow().ticket().number();
            } catch (java.util.concurrent.ExecutionException retry) {
                // timed out or not connected: ask again with the same id
            }
        }
        throw new AssertionError("request " + i + " never answered");
    }

    @Test
    void serverKilledMidRun_restarted_numberingContinuesAndEveryAnswerIsStored() throws Exception {
        TestBranch branch = new TestBranch(dir).withQueue();
        Path config = branch.write();
        AtomicReference<Process> server = new AtomicReference<>(startServer(config, 1));
        List<String> numbers = new ArrayList<>();
        try (DeviceRuntime kiosk = TestDevices.start("kiosk-1", DeviceRole.KIOSK, branch.brokerUri(), dir)) {
            CompletableFuture<Void> killAndRestart = null;
            for (int i = 1; i <= TICKETS; i++) {
                if (i == TICKETS / 2) {
                    // Races the request below: the kill may land before, during or after its commit.
                    killAndRestart = CompletableFuture.runAsync(() -> {
                        try {
                            Process p = server.get();
                            p.destroyForcibly();
                            p.waitFor(10, TimeUnit.SECONDS);
                            server.set(startServer(config, 2));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                numbers.add(issue(kiosk, i));
            }
            killAndRestart.get(1, TimeUnit.MINUTES);
            assertThat(dir.resolve("server-2.log")).as("the server was restarted").exists();
        } finally {
            server.get().destroyForcibly();
            server.get().waitFor(10, TimeUnit.SECONDS);
        }
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= TICKETS; n++) {
            expected.add(String.format("A%03d", n));
        }
        assertThat(numbers).isEqualTo(expected);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server/branch.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT number), MAX(number) FROM tickets")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(TICKETS);
            assertThat(rs.getInt(2)).isEqualTo(TICKETS);
            assertThat(rs.getString(3)).isEqualTo(expected.get(TICKETS - 1));
        }
    }
}
