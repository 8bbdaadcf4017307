package io.counterline.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.counterline.messaging.InMemoryBus;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventType;
import io.counterline.protocol.HealthLevel;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceRuntimeTest {
    @TempDir
    Path dir;

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
            assertThat(server.requests()).hasSize(1);
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
}
