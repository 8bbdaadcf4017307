package io.counterline.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.counterline.messaging.InMemoryBus;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventType;
import io.counterline.protocol.HealthLevel;
import io.counterline.protocol.Operation;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.Topics;
import io.counterline.testing.ManualClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceRuntimeTest {
    @TempDir
    Path dir;
    private final MessageCodec codec = new MessageCodec();

    private DeviceSettings settings() {
        return DeviceSettings.from(ConfigFactory.parseString("""
                device { id = kiosk-1, branch = b001, data-dir = "%s", request-timeout = 300ms }
                broker { uri = "tcp://127.0.0.1:1", secret = "kiosk-1-secret-0001" }
                """.formatted(dir)), DeviceRole.KIOSK);
    }

    @Test
    void request_scriptedServer_answerArrives() throws Exception {
        InMemoryBus broker = new InMemoryBus();
        ScriptedServer server = new ScriptedServer(broker, "b001")
                .on(Operation.TICKET_ISSUE, r -> Response.ok(r.id(), new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode().put("echo", r.args().get("service").asText())));
        try (DeviceRuntime device = DeviceRuntime.start(settings(), Clock.systemUTC(), broker.client("kiosk-1"))) {
            Response r = device.request(Operation.TICKET_ISSUE, new Bodies.IssueTicket("A")).get();
            assertThat(r.ok()).isTrue();
            assertThat(r.result().get("echo").asText()).isEqualTo("A");
            assertThat(server.requests()).filteredOn(q -> q.op() == Operation.TICKET_ISSUE).hasSize(1);
        }
    }

    @Test
    void request_noAnswer_failsWithTimeout() throws Exception {
        InMemoryBus broker = new InMemoryBus();
        new ScriptedServer(broker, "b001");
        try (DeviceRuntime device = DeviceRuntime.start(settings(), Clock.systemUTC(), broker.client("kiosk-1"))) {
            var answer = device.request(Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"));
            await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
            assertThat(answer).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(io.counterline.messaging.RequestClient.RequestTimeoutException.class);
        }
    }

    @Test
    void record_serverAcks_outboxEmptiesAndEventArrives() throws Exception {
        InMemoryBus broker = new InMemoryBus();
        ScriptedServer server = new ScriptedServer(broker, "b001");
        try (DeviceRuntime device = DeviceRuntime.start(settings(), Clock.systemUTC(), broker.client("kiosk-1"))) {
            device.record(EventType.SLIP_PRINTED, new Bodies.SlipOutcome("t-1", "A001", ""));
            await().atMost(Duration.ofSeconds(5)).until(() -> device.outbox().size() == 0);
            assertThat(server.body(server.events().get(0), Bodies.SlipOutcome.class).number()).isEqualTo("A001");
        }
    }

    @Test
    void health_brokerCut_isDegradedThenOk() throws Exception {
        InMemoryBus broker = new InMemoryBus();
        try (DeviceRuntime device = DeviceRuntime.start(settings(), Clock.systemUTC(), broker.client("kiosk-1"))) {
            broker.cut();
            await().atMost(Duration.ofSeconds(5)).until(() -> device.health().overall().level() == HealthLevel.DEGRADED);
            broker.restore();
            await().atMost(Duration.ofSeconds(5)).until(() -> device.health().overall().level() == HealthLevel.OK);
        }
    }

    @Test
    void restartCommand_freshOneRestarts_aStaleOneOrAnotherCommandDoesNot() throws Exception {
        InMemoryBus broker = new InMemoryBus();
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-11-22T01:00:00Z"));
        java.util.concurrent.atomic.AtomicInteger restarts = new java.util.concurrent.atomic.AtomicInteger();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = DeviceRuntime.start(settings(), clock, clock, broker.client("kiosk-1"))) {
            device.onRestart(restarts::incrementAndGet);
            device.onCommand(c -> seen.add(c.id()));
            InMemoryBus.Client server = broker.client("server");
            for (var c : List.of(command("stale", CommandType.DEVICE_RESTART, clock.instant().minus(Duration.ofMinutes(5))),
                    command("test-page", CommandType.PRINT_TEST_PAGE, clock.instant()),
                    command("fresh", CommandType.DEVICE_RESTART, clock.instant().minusSeconds(2)))) {
                server.publish(Topics.of("b001").commands("kiosk-1"), codec.encode(c), false);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("fresh"));
            assertThat(restarts).hasValue(1);
        }
    }

    private static Command command(String id, CommandType type, java.time.Instant at) {
        return new Command(MessageCodec.VERSION, id, "kiosk-1", type, at,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    @Test
    void status_afterReadingTheServersClock_carriesTheOffset() throws Exception {
        InMemoryBus broker = new InMemoryBus();
        ManualClock serverClock = new ManualClock(java.time.Instant.parse("2026-11-22T01:05:00Z"));
        ManualClock deviceClock = new ManualClock(java.time.Instant.parse("2026-11-22T01:00:00Z"));
        ScriptedServer server = new ScriptedServer(broker, "b001").on(Operation.CLOCK_READ, r -> {
            deviceClock.advanceMillis(40); // the way there
            serverClock.advanceMillis(40);
            return Response.ok(r.id(), codec.toBody(new Bodies.ServerClock(serverClock.instant())));
        });
        List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
        broker.client("observer").subscribe(Topics.of("b001").status("kiosk-1"),
                (t, p) -> codec.decode(p, DeviceStatus.class).ifAccepted(statuses::add, r -> { }));
        try (DeviceRuntime device = DeviceRuntime.start(settings(), deviceClock, deviceClock,
                broker.client("kiosk-1"))) {
            ClockOffset.Sample sample = device.readServerClock().get(5, TimeUnit.SECONDS);

            assertThat(sample.offset().minus(Duration.ofMinutes(5)).abs()).isLessThanOrEqualTo(sample.bound());
            long estimate = device.clockOffset().estimate().orElseThrow().toMillis();
            await().atMost(Duration.ofSeconds(5)).until(() -> statuses.stream()
                    .anyMatch(s -> s.online() && Long.valueOf(estimate).equals(s.clockOffsetMs())));
            assertThat(Math.abs(estimate - Duration.ofMinutes(5).toMillis()))
                    .isLessThanOrEqualTo(device.clockOffset().best().orElseThrow().bound().toMillis());
            // One read at connect, one asked here.
            assertThat(server.requests()).extracting(Request::op).containsOnly(Operation.CLOCK_READ);
            // The machine's vitals ride along; this is Linux, so uptime and the data folder's disk are there.
            DeviceStatus last = statuses.get(statuses.size() - 1);
            assertThat(last.vitals()).isNotNull();
            assertThat(last.vitals().uptimeS()).isPositive();
            assertThat(last.vitals().diskFreeMb()).isPositive();
        }
    }
}
