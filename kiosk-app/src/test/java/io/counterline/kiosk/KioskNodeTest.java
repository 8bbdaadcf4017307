package io.counterline.kiosk;

import static io.counterline.kiosk.KioskFixture.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.testing.ManualClock;
import io.counterline.gpio.MockLines;
import io.counterline.kiosk.buttons.GpioServiceButtons;
import io.counterline.kiosk.buttons.ServiceButtonsSettings;
import io.counterline.kiosk.printer.PrinterStatus;
import io.counterline.kiosk.printer.Slip;
import io.counterline.kiosk.ticket.TicketOutcome;
import io.counterline.messaging.InMemoryBus;
import io.counterline.device.ClockOffset;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.HealthLevel;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.TicketIds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk without its screen, on an in-memory broker with a scripted server. */
class KioskNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private KioskFixture kiosk;

    @AfterEach
    void tearDown() {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    private KioskFixture started() throws Exception {
        kiosk = new KioskFixture(dir).start();
        await().atMost(WAIT).until(() -> kiosk.node.state().tile("A").map(t -> t.offlineNumbersLeft() == 20)
                .orElse(false));
        return kiosk;
    }

    private static TicketOutcome outcome(java.util.concurrent.CompletableFuture<TicketOutcome> press) throws Exception {
        return press.get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void press_serverAnswers_slipShowsTheServersNumberAndSlipPrintedRecorded() throws Exception {
        started();

        TicketOutcome outcome = outcome(kiosk.node.press("A"));

        assertThat(outcome).isInstanceOf(TicketOutcome.Printed.class);
        Request asked = kiosk.server.requests().stream().filter(r -> r.op() == Operation.TICKET_ISSUE).findFirst()
                .orElseThrow();
        assertThat(kiosk.server.args(asked, Bodies.IssueTicket.class).service()).isEqualTo("A");
        Slip slip = kiosk.printer.printed().get(0);
        assertThat(slip.number()).isEqualTo("A012");
        assertThat(slip.offline()).isFalse();
        assertThat(slip.peopleAhead()).isEqualTo(5);
        assertThat(slip.ticketId()).isEqualTo("b001-20261122-A012");
        assertThat(slip.branchName()).isEqualTo("人民路支行");
        assertThat(slip.footer()).containsExactly("请留意叫号");
        await().atMost(WAIT).until(() -> kiosk.events(EventType.SLIP_PRINTED).size() == 1);
        assertThat(kiosk.server.body(kiosk.events(EventType.SLIP_PRINTED).get(0), Bodies.SlipOutcome.class))
                .isEqualTo(new Bodies.SlipOutcome("b001-20261122-A012", "A012", ""));
    }

    @Test
    void press_serverSilent_offlineSlipFromLeasedBlockAndRecorded_restartContinuesTheBlock() throws Exception {
        started();
        assertThat(kiosk.server.requests().stream().filter(r -> r.op() == Operation.BLOCK_LEASE)
                .map(r -> kiosk.server.args(r, Bodies.LeaseBlock.class))).containsExactly(new Bodies.LeaseBlock("A", 20));
        kiosk.server.silent(true);

        TicketOutcome outcome = outcome(kiosk.node.press("A"));

        assertThat(outcome).isInstanceOf(TicketOutcome.Printed.class);
        Slip slip = kiosk.printer.printed().get(0);
        assertThat(slip.number()).isEqualTo("A501");
        assertThat(slip.offline()).isTrue();
        assertThat(slip.peopleAhead()).as("waiting in the last services state").isEqualTo(3);
        assertThat(slip.ticketId()).isEqualTo(TicketIds.of("b001", DAY, "A501"));
        assertThat(kiosk.node.state().online()).isFalse();
        await().atMost(WAIT).until(() -> kiosk.events(EventType.TICKET_ISSUED_OFFLINE).size() == 1);
        Bodies.OfflineTicket offline = kiosk.server.body(kiosk.events(EventType.TICKET_ISSUED_OFFLINE).get(0),
                Bodies.OfflineTicket.class);
        assertThat(offline.ticketId()).isEqualTo("b001-20261122-A501");
        assertThat(offline.service()).isEqualTo("A");
        assertThat(offline.number()).isEqualTo("A501");
        assertThat(offline.sequence()).isEqualTo(501);
        assertThat(offline.businessDay()).isEqualTo(DAY);
        assertThat(offline.issuedAt()).isNotNull();
        await().atMost(WAIT).until(() -> kiosk.events(EventType.SLIP_PRINTED).size() == 1);

        TicketOutcome second = outcome(kiosk.node.press("A"));
        assertThat(((TicketOutcome.Printed) second).slip().peopleAhead()).as("one more since the state").isEqualTo(4);

        kiosk.stop();
        kiosk.start();
        await().atMost(WAIT).until(() -> kiosk.node.state().tile("A").map(t -> t.offlineNumbersLeft() == 18)
                .orElse(false));
        TicketOutcome afterRestart = outcome(kiosk.node.press("A"));

        assertThat(((TicketOutcome.Printed) afterRestart).slip().number()).isEqualTo("A503");
        assertThat(kiosk.printer.printed()).extracting(Slip::number).containsExactly("A501", "A502", "A503");
    }

    @Test
    void press_serverSilent_kioskClockMinutesBehind_offlineTicketIssuedAtTheServersTime() throws Exception {
        kiosk = new KioskFixture(dir);
        kiosk.clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-15));
        kiosk.server.on(Operation.CLOCK_READ, r -> kiosk.server.ok(r, new Bodies.ServerClock(Instant.now())));
        kiosk.start();
        await().atMost(WAIT).until(() -> kiosk.node.state().tile("A").map(t -> t.offlineNumbersLeft() == 20)
                .orElse(false));
        ClockOffset.Sample sample = kiosk.runtime.readServerClock().get(5, java.util.concurrent.TimeUnit.SECONDS);
        Duration bound = kiosk.runtime.clockOffset().best().orElseThrow().bound();
        kiosk.server.silent(true);

        Instant before = Instant.now();
        TicketOutcome outcome = outcome(kiosk.node.press("A"));
        Instant after = Instant.now();

        assertThat(((TicketOutcome.Printed) outcome).slip().offline()).isTrue();
        assertThat(sample.offset()).isBetween(Duration.ofMinutes(15).minus(sample.bound()),
                Duration.ofMinutes(15).plus(sample.bound()));
        await().atMost(WAIT).until(() -> kiosk.events(EventType.TICKET_ISSUED_OFFLINE).size() == 1);
        EventEnvelope event = kiosk.events(EventType.TICKET_ISSUED_OFFLINE).get(0);
        Bodies.OfflineTicket offline = kiosk.server.body(event, Bodies.OfflineTicket.class);
        // Ranked by the server among its own tickets: the server's time, not the kiosk's 15 minutes earlier.
        assertThat(offline.issuedAt()).isBetween(before.minus(bound), after.plus(bound));
        assertThat(event.at()).as("the event's time, which the server checks the issue time against")
                .isBetween(before.minus(bound), after.plus(bound));
    }

    @Test
    void press_serverSilentAndNoBlockOfToday_refusedAndServiceUnavailable() throws Exception {
        started();
        kiosk.server.silent(true);
        kiosk.server.publishState(kiosk.topics.day(), KioskFixture.day("2026-11-23"));
        await().atMost(WAIT).until(() -> kiosk.node.state().tile("A").map(t -> t.offlineNumbersLeft() == 0)
                .orElse(false));

        TicketOutcome outcome = outcome(kiosk.node.press("A"));

        assertThat(outcome).isInstanceOf(TicketOutcome.Refused.class);
        assertThat(((TicketOutcome.Refused) outcome).code()).isEqualTo(TicketOutcome.NO_OFFLINE_NUMBERS);
        assertThat(kiosk.printer.printed()).isEmpty();
        assertThat(kiosk.node.state().tile("A").orElseThrow().available()).isFalse();
    }

    @Test
    void lateAnswer_ticketIssuedAfterTimeout_slipFailedRecordedForIt() throws Exception {
        started();
        kiosk.server.silent(true);
        outcome(kiosk.node.press("A"));
        Request asked = kiosk.server.requests().stream().filter(r -> r.op() == Operation.TICKET_ISSUE).findFirst()
                .orElseThrow();

        // The server wakes up and answers the request the kiosk gave up on.
        MessageCodec codec = new MessageCodec();
        InMemoryBus.Client late = kiosk.broker.client("late-server");
        late.publish(kiosk.topics.responses("kiosk-1"), codec.encode(Response.ok(asked.id(),
                codec.toBody(KioskFixture.issued("A", 40, 0)))), false);

        await().atMost(WAIT).until(() -> kiosk.events(EventType.SLIP_FAILED).size() == 1);
        assertThat(kiosk.server.body(kiosk.events(EventType.SLIP_FAILED).get(0), Bodies.SlipOutcome.class))
                .isEqualTo(new Bodies.SlipOutcome("b001-20261122-A040", "A040",
                        "answer came too late; customer got an offline slip"));
        assertThat(kiosk.printer.printed()).extracting(Slip::number).containsExactly("A501");
    }

    @Test
    void answerLost_connectionBack_askedAgainWithSameIdAndThatTicketVoided() throws Exception {
        started();
        kiosk.server.silent(true);
        TicketOutcome offline = outcome(kiosk.node.press("A"));
        assertThat(((TicketOutcome.Printed) offline).slip().offline()).isTrue();
        String firstId = kiosk.server.requests().stream().filter(r -> r.op() == Operation.TICKET_ISSUE)
                .findFirst().orElseThrow().id();

        // The broker goes away and comes back; the server answers again (and answers a repeated
        // id with what it did the first time).
        kiosk.broker.cut();
        kiosk.server.silent(false);
        kiosk.broker.restore();

        await().atMost(WAIT).until(() -> kiosk.events(EventType.SLIP_FAILED).size() == 1);
        assertThat(kiosk.server.requests().stream().filter(r -> r.op() == Operation.TICKET_ISSUE).map(Request::id))
                .as("asked again with its own id").containsExactly(firstId, firstId);
        Bodies.SlipOutcome voided = kiosk.server.body(kiosk.events(EventType.SLIP_FAILED).get(0),
                Bodies.SlipOutcome.class);
        assertThat(voided.number()).isEqualTo("A012");
        assertThat(kiosk.printer.printed()).extracting(Slip::number).containsExactly("A501");
    }

    @Test
    void press_printFailsMidSlip_slipFailedRecordedAndPrinterOffline() throws Exception {
        started();
        kiosk.printer.failNextSlip(PrinterStatus.paperOut());

        TicketOutcome outcome = outcome(kiosk.node.press("A"));

        assertThat(outcome).isInstanceOf(TicketOutcome.PrintFailed.class);
        await().atMost(WAIT).until(() -> kiosk.events(EventType.SLIP_FAILED).size() == 1);
        Bodies.SlipOutcome failed = kiosk.server.body(kiosk.events(EventType.SLIP_FAILED).get(0),
                Bodies.SlipOutcome.class);
        assertThat(failed.number()).isEqualTo("A012");
        assertThat(failed.reason()).contains("paper out");
        assertThat(kiosk.events(EventType.SLIP_PRINTED)).isEmpty();
        assertThat(kiosk.runtime.health().part("printer").level()).isEqualTo(HealthLevel.OFFLINE);
    }

    @Test
    void printer_paperOutThenLoaded_servicesUnavailableThenAvailableAndHealthFollows() throws Exception {
        started();
        kiosk.printer.simulate(PrinterStatus.paperOut());

        await().atMost(WAIT).until(() -> !kiosk.node.state().tile("A").orElseThrow().available());
        assertThat(kiosk.runtime.health().part("printer").level()).isEqualTo(HealthLevel.OFFLINE);
        // The device's reason names the part once, as published in its status.
        assertThat(kiosk.runtime.health().overall().reason()).isEqualTo("printer: paper out - load a new roll");
        assertThat(outcome(kiosk.node.press("A"))).isInstanceOf(TicketOutcome.Refused.class);
        assertThat(kiosk.server.requests()).noneMatch(r -> r.op() == Operation.TICKET_ISSUE);

        kiosk.printer.simulate(PrinterStatus.paperNearEnd());
        await().atMost(WAIT).until(() -> kiosk.node.state().tile("A").orElseThrow().available());
        assertThat(kiosk.runtime.health().part("printer").level()).isEqualTo(HealthLevel.DEGRADED);

        kiosk.printer.simulate(PrinterStatus.READY);
        await().atMost(WAIT).until(() -> kiosk.runtime.health().part("printer").level() == HealthLevel.OK);
    }

    @Test
    void press_closedService_refusedWithoutAskingTheServer() throws Exception {
        started();

        TicketOutcome outcome = outcome(kiosk.node.press("B"));

        assertThat(((TicketOutcome.Refused) outcome).code()).isEqualTo(TicketOutcome.SERVICE_CLOSED);
        assertThat(kiosk.server.requests()).noneMatch(r -> r.op() == Operation.TICKET_ISSUE);
    }

    @Test
    void gpioButton_pressed_ticketRequestedForItsService() throws Exception {
        ManualClock clock = new ManualClock();
        Context gpio = MockLines.newMockContext();
        MockLines lines = new MockLines(gpio);
        GpioServiceButtons buttons = new GpioServiceButtons(gpio, new ServiceButtonsSettings(List.of(
                new ServiceButtonsSettings.Button("A", InputPinSettings.keyToGround(17))), KeyTiming.DEFAULT), clock);
        try {
            kiosk = new KioskFixture(dir).start(Optional.of(buttons));
            await().atMost(WAIT).until(() -> kiosk.node.state().tile("A").isPresent());
            lines.release(17); // the mock's inputs start low: an active-low button held since start
            clock.advanceMillis(100);

            lines.press(17);
            clock.advanceMillis(30);

            await().atMost(WAIT).until(() -> kiosk.printer.printed().size() == 1);
            assertThat(kiosk.server.requests()).filteredOn(r -> r.op() == Operation.TICKET_ISSUE)
                    .extracting(r -> kiosk.server.args(r, Bodies.IssueTicket.class).service()).containsExactly("A");
        } finally {
            buttons.close();
            gpio.shutdown();
        }
    }
}
