package io.counterline.server.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.device.DeviceRuntime;
import io.counterline.messaging.BusException;
import io.counterline.messaging.BusSettings;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.protocol.Ack;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import io.counterline.protocol.Topics;
import io.counterline.server.BranchServer;
import io.counterline.server.testing.ConsoleOrders;
import io.counterline.server.testing.StandInHeadOffice;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import io.counterline.testing.FreePort;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The branch uplink over a real broker: the branch works with the WAN down, then catches up in order. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class UplinkIT {
    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();

    @Test
    void noHeadOfficeBlock_noUplinkAndNoUplinkFile() throws Exception {
        try (BranchServer server = BranchServer.start(new TestBranch(dir).withQueue().config(), Clock.systemUTC())) {
            assertThat(server.uplink()).isEmpty();
        }
        assertThat(dir.resolve("server/uplink.db")).doesNotExist();
    }

    @Test
    void headOfficeUnreachable_branchStillIssues_thenFactsArriveInOrderAndLeaveTheOutboxOnAck() throws Exception {
        int hqPort = FreePort.find();
        TestBranch branch = new TestBranch(dir).withQueue().extra("""
                head-office { uri = "tcp://127.0.0.1:%d", secret = "branch-uplink-secret", reconnect-max = 1s }
                console { listen = "127.0.0.1:0", heartbeat = 1s }
                """.formatted(hqPort));
        int tickets = 30;
        try (BranchServer server = BranchServer.start(branch.config(), Clock.systemUTC());
             DeviceRuntime kiosk = TestDevices.start("kiosk-1", DeviceRole.KIOSK, branch.brokerUri(), dir)) {
            Uplink uplink = server.uplink().orElseThrow();
            for (int i = 0; i < tickets; i++) {
                issue(kiosk); // answered although head office is unreachable
            }
            // A work order taken and closed in the console (console.db, its own journal) meanwhile.
            ConsoleOrders.complaintTakenAndClosed(server);
            assertThat(uplink.connected()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> uplink.waiting() >= tickets * 2 + 5);

            List<EventEnvelope> received = new CopyOnWriteArrayList<>();
            Topics topics = Topics.of(TestBranch.BRANCH);
            try (StandInHeadOffice office = new StandInHeadOffice(hqPort, dir);
                 PahoMessageBus ingest = new PahoMessageBus(
                         BusSettings.of("tcp://127.0.0.1:" + hqPort, "ingest-1", "x"), Optional.empty())) {
                office.start();
                ingest.subscribe(topics.events(Uplink.DEVICE), (topic, payload) -> {
                    // Facts travel packed (several per message): each is read and acknowledged by its seq.
                    List<EventEnvelope> facts = codec.decodeEvents(payload, Uplink.DEVICE).orThrow().stream()
                            .map(Decoded::orThrow).toList();
                    received.addAll(facts);
                    try {
                        ingest.publish(topics.acks(Uplink.DEVICE), codec.encode(Ack.of(Uplink.DEVICE,
                                facts.get(0).boot(), facts.stream().map(EventEnvelope::seq).toList())), false);
                    } catch (BusException ex) {
                        // unacknowledged: the uplink sends it again
                    }
                });
                ingest.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> uplink.waiting() == 0);
            }

            Set<Long> seen = new HashSet<>();
            long last = 0;
            for (EventEnvelope e : received) {
                if (seen.add(e.seq())) {
                    assertThat(e.seq()).as("first deliveries in commit order").isGreaterThan(last);
                    last = e.seq();
                }
            }
            List<EventEnvelope> ticketFacts = received.stream()
                    .filter(e -> e.type() == EventType.BRANCH_TICKET).toList();
            assertThat(ticketFacts.stream().map(e -> e.body().get("number").asText()).distinct())
                    .hasSize(tickets).contains("A001", "A030");
            assertThat(received).anyMatch(e -> e.type() == EventType.BRANCH_TICKET_STEP
                    && e.body().get("action").asText().equals("issued"));
            assertThat(received.stream().filter(e -> e.type() == EventType.BRANCH_WORK_ORDER)
                    .map(e -> e.body().get("action").asText() + " " + e.body().get("state").asText()).distinct())
                    .containsExactly("create new", "assign assigned", "start in-progress", "answer answered",
                            "close closed");
            assertThat(received).noneMatch(e -> e.body().toString().contains(ConsoleOrders.CONTACT));
        }
    }

    private void issue(DeviceRuntime kiosk) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(kiosk::isConnected);
        Response r = kiosk.requests().send(java.util.UUID.randomUUID().toString(), Operation.TICKET_ISSUE,
                new Bodies.IssueTicket("A"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertThat(r.ok()).as("issue → %s", r.error()).isTrue();
    }
}
