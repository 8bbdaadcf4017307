package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.CallsState;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Response;
import io.counterline.protocol.TicketIds;
import io.counterline.protocol.Topics;
import io.counterline.server.BranchServer;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kiosk, counter, rating pad and hall, each a real device runtime, through the embedded broker. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BranchEndToEndIT {
    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();

    /** Asks as a device does: on a dropped connection or no answer, again with the same id. */
    private <T> T ok(DeviceRuntime d, Operation op, Object args, Class<T> type) throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            await().atMost(Duration.ofSeconds(20)).until(d::isConnected);
            try {
                Response r = d.requests().send(id, op, args, Duration.ofSeconds(2)).get(10, TimeUnit.SECONDS);
                assertThat(r.ok()).as("%s → %s", op, r.error()).isTrue();
                return codec.decodeBody(r.result(), type).orThrow();
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Test
    void issueCallComplete_armsPad_ratingStoredOnceWithTellerAndCounter() throws Exception {
        TestBranch branch = new TestBranch(dir).withQueue();
        List<Command> arms = new CopyOnWriteArrayList<>();
        List<Command> tellerDays = new CopyOnWriteArrayList<>();
        List<CallsState> calls = new CopyOnWriteArrayList<>();
        try (BranchServer server = BranchServer.start(branch.config(), Clock.systemUTC());
             DeviceRuntime kiosk = TestDevices.start("kiosk-1", DeviceRole.KIOSK, branch.brokerUri(), dir);
             DeviceRuntime caller = TestDevices.start("caller-1", DeviceRole.COUNTER_CALLER, branch.brokerUri(), dir);
             DeviceRuntime pad = TestDevices.start("pad-1", DeviceRole.RATING_PAD, branch.brokerUri(), dir);
             DeviceRuntime hall = TestDevices.start("hall-1", DeviceRole.HALL_DISPLAY, branch.brokerUri(), dir)) {
            pad.onCommand(arms::add);
            caller.onCommand(tellerDays::add);
            hall.onState(hall.topics().calls(), CallsState.class, calls::add);
            await().atMost(Duration.ofSeconds(20)).until(() -> kiosk.isConnected() && caller.isConnected()
                    && pad.isConnected() && hall.isConnected());

            Bodies.IssuedTicket ticket = ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"),
                    Bodies.IssuedTicket.class);
            assertThat(ticket.ticket().number()).isEqualTo("A001");
            kiosk.record(EventType.SLIP_PRINTED, new Bodies.SlipOutcome(ticket.ticket().id(), "A001", ""));

            ok(caller, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234"), Bodies.CounterReply.class);
            Bodies.CounterReply called = ok(caller, Operation.CALL_NEXT, new Bodies.None(), Bodies.CounterReply.class);
            assertThat(called.counter().ticket().number()).isEqualTo("A001");
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream()
                    .anyMatch(c -> !c.calls().isEmpty() && c.calls().get(0).number().equals("A001")));

            ok(caller, Operation.SERVICE_COMPLETE, new Bodies.None(), Bodies.CounterReply.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !arms.isEmpty());
            Command arm = arms.get(0);
            assertThat(arm.type()).isEqualTo(CommandType.RATING_ARM);
            Bodies.RatingArm body = codec.decodeBody(arm.body(), Bodies.RatingArm.class).orThrow();
            assertThat(body.ticket().id()).isEqualTo(ticket.ticket().id());
            assertThat(body.teller().name()).isEqualTo("王芳");

            Bodies.RatingGiven rating = new Bodies.RatingGiven(body.armId(), body.ticket().id(), body.counter(),
                    body.teller().id(), RatingLevel.VERY_SATISFIED);
            pad.record(EventType.RATING_GIVEN, rating);
            pad.record(EventType.RATING_GIVEN, rating); // a second press that slipped through: stored once
            await().atMost(Duration.ofSeconds(20)).until(() -> pad.outbox().size() == 0 && kiosk.outbox().size() == 0);
            // Through the broker's access rules: the caller gets its teller's new day without asking.
            await().atMost(Duration.ofSeconds(10)).until(() -> !tellerDays.isEmpty());
            assertThat(tellerDays.get(0).type()).isEqualTo(CommandType.TELLER_DAY);
            assertThat(codec.decodeBody(tellerDays.get(0).body(), Bodies.TellerDayUpdate.class).orThrow().day().ratings())
                    .containsEntry(RatingLevel.VERY_SATISFIED, 1);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server/branch.db"));
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT ticket, counter, teller, level, COUNT(*) OVER () FROM ratings")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(ticket.ticket().id());
                assertThat(rs.getString(2)).isEqualTo("c1");
                assertThat(rs.getString(3)).isEqualTo("t1");
                assertThat(rs.getString(4)).isEqualTo("very-satisfied");
                assertThat(rs.getInt(5)).isEqualTo(1);
            }
        }
    }

    /**
     * A kiosk whose clock is 15 minutes behind: it reads the server's clock at connect, its
     * retained status carries the offset, and its offline ticket, stamped by the corrected clock
     * (the issue time and the event's own time), ranks after a ticket the server issued before it.
     */
    @Test
    void kioskClockBehind_statusCarriesOffset_offlineTicketRanksByServerTime() throws Exception {
        TestBranch branch = new TestBranch(dir).withQueue();
        Duration behind = Duration.ofMinutes(15);
        List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
        try (BranchServer server = BranchServer.start(branch.config(), Clock.systemUTC())) {
            server.bus().subscribe(Topics.of(TestBranch.BRANCH).status("kiosk-1"), (t, p) -> {
                if (p.length > 0) {
                    codec.decode(p, DeviceStatus.class).ifAccepted(statuses::add, r -> { });
                }
            });
            try (DeviceRuntime kiosk = DeviceRuntime.start(TestDevices.settings("kiosk-1", DeviceRole.KIOSK,
                    branch.brokerUri(), dir), Clock.offset(Clock.systemUTC(), behind.negated()));
                 DeviceRuntime caller = TestDevices.start("caller-1", DeviceRole.COUNTER_CALLER, branch.brokerUri(),
                         dir)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> statuses.stream()
                        .anyMatch(s -> s.online() && s.clockOffsetMs() != null));
                long published = statuses.stream().filter(s -> s.clockOffsetMs() != null).findFirst().orElseThrow()
                        .clockOffsetMs();
                // An answered read took less than the 2 s request timeout: off by less than half that.
                assertThat(Math.abs(published - behind.toMillis())).isLessThan(1000);
                // Its machine's vitals ride in the same status (Linux: uptime and the data folder's disk).
                DeviceStatus.Vitals vitals = statuses.stream().filter(s -> s.clockOffsetMs() != null).findFirst()
                        .orElseThrow().vitals();
                assertThat(vitals.uptimeS()).isPositive();
                assertThat(vitals.diskFreeMb()).isPositive();

                Bodies.BlockLease lease = ok(kiosk, Operation.BLOCK_LEASE, new Bodies.LeaseBlock("A", 5),
                        Bodies.BlockLease.class);
                Bodies.IssuedTicket online = ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"),
                        Bodies.IssuedTicket.class);
                String number = lease.prefix() + String.format("%03d", lease.first());
                kiosk.record(EventType.TICKET_ISSUED_OFFLINE, new Bodies.OfflineTicket(
                        TicketIds.of(TestBranch.BRANCH, lease.businessDay(), number), "A", number, lease.first(),
                        lease.businessDay(), kiosk.clockOffset().serverNow()));
                await().atMost(Duration.ofSeconds(20)).until(() -> kiosk.outbox().size() == 0);

                ok(caller, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234"), Bodies.CounterReply.class);
                Bodies.CounterReply first = ok(caller, Operation.CALL_NEXT, new Bodies.None(),
                        Bodies.CounterReply.class);
                assertThat(first.counter().ticket().number()).isEqualTo(online.ticket().number());
                ok(caller, Operation.SERVICE_COMPLETE, new Bodies.None(), Bodies.CounterReply.class);
                Bodies.CounterReply second = ok(caller, Operation.CALL_NEXT, new Bodies.None(),
                        Bodies.CounterReply.class);
                assertThat(second.counter().ticket().number()).isEqualTo(number);
            }
        }
    }
}
