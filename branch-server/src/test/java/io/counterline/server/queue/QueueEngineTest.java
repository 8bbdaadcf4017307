package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Operation;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Response;
import io.counterline.protocol.TicketIds;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueEngineTest {
    @TempDir
    Path dir;

    private EngineFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new EngineFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    // ------------------------------------------------------------ ticket.issue

    @Test
    void issue_openService_numbersFromOneWithPeopleAheadAndState() throws Exception {
        Bodies.IssuedTicket first = f.issue("k1", "A");
        Bodies.IssuedTicket second = f.issue("k2", "A");
        assertThat(first.ticket().number()).isEqualTo("A001");
        assertThat(first.ticket().id()).isEqualTo(TicketIds.of("b001", "2026-11-22", "A001"));
        assertThat(first.peopleAhead()).isZero();
        assertThat(second.ticket().number()).isEqualTo("A002");
        assertThat(second.peopleAhead()).isEqualTo(1);
        assertThat(second.serviceNameZh()).isEqualTo("个人业务");
        assertThat(second.branchName()).isEqualTo("测试支行");
        assertThat(second.estimatedWaitSeconds()).as("1 ahead × default 5 min, no counter open").isEqualTo(300);
        assertThat(f.services().services().get(0).waiting()).isEqualTo(2);
    }

    @Test
    void issue_sameRequestIdTwice_sameAnswerAndOneTicket() throws Exception {
        Response a = f.send("k1", "req-1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"));
        Response b = f.send("k1", "req-1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"));
        assertThat(b).isEqualTo(a);
        assertThat(f.issue("k1", "A").ticket().number()).isEqualTo("A002");
        assertThat(f.count("SELECT COUNT(*) FROM tickets")).isEqualTo(2);
    }

    @Test
    void issue_errors() throws Exception {
        assertThat(f.error("k1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("Z"))).isEqualTo("UNKNOWN_SERVICE");
        assertThat(f.error("caller1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"))).isEqualTo("NOT_ALLOWED");
        assertThat(f.error("k1", Operation.TICKET_ISSUE, new Bodies.None())).isEqualTo("BAD_ARGS");
        f.clock.set(Instant.parse("2026-11-22T10:00:00Z")); // 18:00 in Shanghai
        assertThat(f.error("k1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("C"))).isEqualTo("SERVICE_CLOSED");
        f.issue("k1", "E");
        f.issue("k1", "E");
        f.issue("k1", "E");
        assertThat(f.error("k1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("E"))).isEqualTo("NUMBERS_EXHAUSTED");
    }

    @Test
    void errors_carryBothLanguages() throws Exception {
        Response r = f.send("k1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("Z"));
        assertThat(r.error().message()).isEqualTo("No such service");
        assertThat(r.error().messageZh()).isEqualTo("没有该业务");
    }

    // ------------------------------------------------------------ leases and offline tickets

    @Test
    void lease_reservesNumbersFromTheTopThatOnlineIssuingSkips() throws Exception {
        f.issue("k1", "A");
        Bodies.BlockLease lease = f.ok("k1", Operation.BLOCK_LEASE, new Bodies.LeaseBlock("A", 20), Bodies.BlockLease.class);
        assertThat(lease.first()).as("offline blocks come from the top of A's 1..9999").isEqualTo(9980);
        assertThat(lease.last()).isEqualTo(9999);
        assertThat(lease.businessDay()).isEqualTo("2026-11-22");
        assertThat(f.issue("k2", "A").ticket().number()).as("online numbering reads on naturally").isEqualTo("A002");
        Bodies.BlockLease next = f.ok("k2", Operation.BLOCK_LEASE, new Bodies.LeaseBlock("A", 20), Bodies.BlockLease.class);
        assertThat(next.last()).as("below the first block").isEqualTo(9979);
        assertThat(f.error("caller1", Operation.BLOCK_LEASE, new Bodies.LeaseBlock("A", 5))).isEqualTo("NOT_ALLOWED");
    }

    @Test
    void offlineTicket_mergedByIssueTime_calledBeforeLaterOnlineTickets() throws Exception {
        Bodies.BlockLease lease = f.ok("k1", Operation.BLOCK_LEASE, new Bodies.LeaseBlock("A", 5), Bodies.BlockLease.class);
        Instant offlineAt = f.clock.instant();
        f.clock.advance(Duration.ofMinutes(1));
        f.issue("k2", "A");
        String number = "A" + String.format("%03d", lease.first());
        String id = TicketIds.of("b001", "2026-11-22", number);
        List<EventEnvelope> fresh = f.commit(f.event("k1", 1, EventType.TICKET_ISSUED_OFFLINE,
                new Bodies.OfflineTicket(id, "A", number, lease.first(), "2026-11-22", offlineAt)));
        assertThat(fresh).hasSize(1);
        assertThat(f.services().services().get(0).waiting()).isEqualTo(2);
        f.signIn("caller1", "t1");
        assertThat(f.teller("caller1", Operation.CALL_NEXT).counter().ticket().number()).isEqualTo(number);
    }

    @Test
    void slipFailed_voidsWaitingTicket_numberNeverReused() throws Exception {
        Bodies.IssuedTicket t = f.issue("k1", "A");
        f.commit(f.event("k1", 1, EventType.SLIP_FAILED, new Bodies.SlipOutcome(t.ticket().id(), "A001", "paper out")));
        assertThat(f.services().services().get(0).waiting()).isZero();
        f.signIn("caller1", "t1");
        assertThat(f.error("caller1", Operation.CALL_NEXT)).isEqualTo("NO_TICKET_WAITING");
        assertThat(f.issue("k1", "A").ticket().number()).isEqualTo("A002");
    }

    @Test
    void events_sameEventTwice_storedAndAppliedOnce() throws Exception {
        Bodies.IssuedTicket t = f.issue("k1", "A");
        EventEnvelope e = f.event("k1", 1, EventType.SLIP_PRINTED, new Bodies.SlipOutcome(t.ticket().id(), "A001", ""));
        assertThat(f.commit(e)).hasSize(1);
        assertThat(f.commit(e)).isEmpty();
        assertThat(f.count("SELECT COUNT(*) FROM device_events")).isEqualTo(1);
        assertThat(f.count("SELECT COUNT(*) FROM ticket_log WHERE action = 'printed'")).isEqualTo(1);
    }

    // ------------------------------------------------------------ tellers

    @Test
    void signIn_errors() throws Exception {
        assertThat(f.error("caller1", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t9", "1234"))).isEqualTo("UNKNOWN_TELLER");
        assertThat(f.error("caller1", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "9999"))).isEqualTo("BAD_PIN");
        f.signIn("caller1", "t1");
        assertThat(f.error("caller2", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234")))
                .isEqualTo("TELLER_ELSEWHERE");
        assertThat(f.error("k1", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t2", "1234"))).isEqualTo("NOT_ALLOWED");
        assertThat(f.error("caller2", Operation.CALL_NEXT)).isEqualTo("NOT_SIGNED_IN");
        assertThat(f.error("caller2", Operation.TELLER_SIGN_OUT)).isEqualTo("NOT_SIGNED_IN");
    }

    @Test
    void signInAndOut_counterStateFollows() throws Exception {
        assertThat(f.counter("c1").status()).isEqualTo(CounterStatus.CLOSED);
        f.signIn("caller1", "t1");
        assertThat(f.counter("c1").status()).isEqualTo(CounterStatus.IDLE);
        assertThat(f.counter("c1").teller().name()).isEqualTo("柜员1");
        f.teller("caller1", Operation.TELLER_SIGN_OUT);
        assertThat(f.counter("c1").status()).isEqualTo(CounterStatus.CLOSED);
        assertThat(f.counter("c1").teller()).isNull();
    }

    @Test
    void fullTransaction_callStartComplete_armsPadAndRatingStoredOnce() throws Exception {
        Bodies.IssuedTicket t = f.issue("k1", "A");
        f.signIn("caller1", "t1");
        Bodies.CounterReply called = f.teller("caller1", Operation.CALL_NEXT);
        assertThat(called.counter().status()).isEqualTo(CounterStatus.CALLING);
        assertThat(called.counter().ticket().number()).isEqualTo("A001");
        assertThat(f.calls().calls().get(0).number()).isEqualTo("A001");
        assertThat(f.calls().calls().get(0).counterNameZh()).isEqualTo("1号窗口");
        f.clock.advance(Duration.ofSeconds(30));
        assertThat(f.teller("caller1", Operation.SERVICE_START).counter().status()).isEqualTo(CounterStatus.SERVING);
        f.clock.advance(Duration.ofMinutes(4));
        Bodies.CounterReply done = f.teller("caller1", Operation.SERVICE_COMPLETE);
        assertThat(done.counter().status()).isEqualTo(CounterStatus.IDLE);
        assertThat(done.day().served()).isEqualTo(1);
        assertThat(done.day().averageServiceSeconds()).isEqualTo(240);

        assertThat(f.commands).hasSize(1);
        assertThat(f.commands.get(0).device()).isEqualTo("pad1");
        assertThat(f.commands.get(0).type()).isEqualTo(CommandType.RATING_ARM);
        Bodies.RatingArm arm = f.codec.decodeBody(f.commands.get(0).body(), Bodies.RatingArm.class).orThrow();
        assertThat(arm.ticket().id()).isEqualTo(t.ticket().id());
        assertThat(arm.teller().id()).isEqualTo("t1");
        assertThat(arm.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofSeconds(60)));

        Bodies.RatingGiven given = new Bodies.RatingGiven(arm.armId(), arm.ticket().id(), "c1", "t1", RatingLevel.SATISFIED);
        assertThat(f.commit(f.event("pad1", 1, EventType.RATING_GIVEN, given))).hasSize(1);
        f.commit(f.event("pad1", 2, EventType.RATING_GIVEN, given));
        assertThat(f.count("SELECT COUNT(*) FROM ratings WHERE ticket = '" + t.ticket().id()
                + "' AND teller = 't1' AND counter = 'c1' AND level = 'satisfied'")).isEqualTo(1);
        assertThat(f.count("SELECT COUNT(*) FROM ratings")).isEqualTo(1);
        assertThat(f.cleared).containsExactly("pad1");
        assertThat(f.teller("caller1", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234")).day().ratings())
                .containsEntry(RatingLevel.SATISFIED, 1);
    }

    @Test
    void ratingGiven_pushesTellersNewDayToTheCountersCaller() throws Exception {
        f.issue("k1", "A");
        f.signIn("caller1", "t1");
        f.teller("caller1", Operation.CALL_NEXT);
        f.teller("caller1", Operation.SERVICE_COMPLETE);
        Bodies.RatingArm arm = f.codec.decodeBody(f.commands.get(0).body(), Bodies.RatingArm.class).orThrow();

        f.commit(f.event("pad1", 1, EventType.RATING_GIVEN,
                new Bodies.RatingGiven(arm.armId(), arm.ticket().id(), "c1", "t1", RatingLevel.VERY_SATISFIED)));

        assertThat(f.commands).as("the arm, then the teller's day").hasSize(2);
        Command pushed = f.commands.get(1);
        assertThat(pushed.device()).isEqualTo("caller1");
        assertThat(pushed.type()).isEqualTo(CommandType.TELLER_DAY);
        Bodies.TellerDayUpdate update = f.codec.decodeBody(pushed.body(), Bodies.TellerDayUpdate.class).orThrow();
        assertThat(update.teller()).isEqualTo("t1");
        assertThat(update.day().served()).isEqualTo(1);
        assertThat(update.day().ratings()).containsEntry(RatingLevel.VERY_SATISFIED, 1);
    }

    @Test
    void republish_afterBrokerLostRetained_sendsOpenArmsAgainUntilRatedOrExpired() throws Exception {
        f.issue("k1", "A");
        f.issue("k1", "A");
        f.signIn("caller1", "t1");
        f.teller("caller1", Operation.CALL_NEXT);
        f.teller("caller1", Operation.SERVICE_COMPLETE);
        assertThat(f.commands).hasSize(1);

        f.engine.republish();
        f.settle();
        assertThat(f.commands).as("sent again: the broker may have lost it").hasSize(2);
        assertThat(f.commands.get(1)).isEqualTo(f.commands.get(0));

        Bodies.RatingArm arm = f.codec.decodeBody(f.commands.get(0).body(), Bodies.RatingArm.class).orThrow();
        f.commit(f.event("pad1", 1, EventType.RATING_GIVEN,
                new Bodies.RatingGiven(arm.armId(), arm.ticket().id(), "c1", "t1", RatingLevel.AVERAGE)));
        assertThat(f.commands.get(2).type()).as("the teller's new day to the caller").isEqualTo(CommandType.TELLER_DAY);
        f.engine.republish();
        f.settle();
        assertThat(f.commands).as("rated: not sent again").hasSize(3);

        f.teller("caller1", Operation.CALL_NEXT);
        f.teller("caller1", Operation.SERVICE_COMPLETE);
        assertThat(f.commands).hasSize(4);
        f.clock.advance(Duration.ofSeconds(61));
        f.engine.republish();
        f.settle();
        assertThat(f.commands).as("expired: not sent again").hasSize(4);
    }

    @Test
    void rating_withoutArm_isNotStored() throws Exception {
        f.commit(f.event("pad1", 1, EventType.RATING_GIVEN,
                new Bodies.RatingGiven("forged", "b001-20261122-A001", "c1", "t1", RatingLevel.DISSATISFIED)));
        assertThat(f.count("SELECT COUNT(*) FROM ratings")).isZero();
        assertThat(f.count("SELECT COUNT(*) FROM device_events")).as("kept as an event").isEqualTo(1);
    }

    @Test
    void callNext_whileServing_completesCurrentThenCalls() throws Exception {
        f.issue("k1", "A");
        f.issue("k1", "A");
        f.signIn("caller1", "t1");
        f.teller("caller1", Operation.CALL_NEXT);
        assertThat(f.teller("caller1", Operation.CALL_NEXT).counter().ticket().number()).isEqualTo("A002");
        assertThat(f.commands).as("the first was completed and armed").hasSize(1);
        Bodies.CounterReply last = f.teller("caller1", Operation.CALL_NEXT);
        assertThat(last.counter().status()).isEqualTo(CounterStatus.IDLE);
        assertThat(last.day().served()).isEqualTo(2);
        assertThat(f.error("caller1", Operation.CALL_NEXT)).isEqualTo("NO_TICKET_WAITING");
    }

    @Test
    void recall_limitedAndEachRecallIsANewCall() throws Exception {
        f.issue("k1", "A");
        f.signIn("caller1", "t1");
        assertThat(f.error("caller1", Operation.CALL_RECALL)).isEqualTo("NO_CURRENT_TICKET");
        f.teller("caller1", Operation.CALL_NEXT);
        String firstCall = f.calls().calls().get(0).callId();
        for (int i = 1; i <= 3; i++) {
            f.teller("caller1", Operation.CALL_RECALL);
            assertThat(f.calls().calls().get(0).recall()).isEqualTo(i);
        }
        assertThat(f.calls().calls()).extracting(c -> c.callId()).doesNotHaveDuplicates().contains(firstCall);
        assertThat(f.error("caller1", Operation.CALL_RECALL)).isEqualTo("RECALL_LIMIT");
        f.teller("caller1", Operation.SERVICE_START);
        assertThat(f.error("caller1", Operation.CALL_RECALL)).isEqualTo("WRONG_STATE");
        assertThat(f.error("caller1", Operation.SERVICE_START)).isEqualTo("WRONG_STATE");
        assertThat(f.error("caller1", Operation.TICKET_NO_SHOW)).isEqualTo("WRONG_STATE");
    }

    @Test
    void noShow_closesTicketWithoutArming() throws Exception {
        f.issue("k1", "A");
        f.signIn("caller1", "t1");
        assertThat(f.error("caller1", Operation.TICKET_NO_SHOW)).isEqualTo("NO_CURRENT_TICKET");
        assertThat(f.error("caller1", Operation.SERVICE_COMPLETE)).isEqualTo("NO_CURRENT_TICKET");
        f.teller("caller1", Operation.CALL_NEXT);
        assertThat(f.teller("caller1", Operation.TICKET_NO_SHOW).counter().status()).isEqualTo(CounterStatus.IDLE);
        assertThat(f.commands).isEmpty();
        assertThat(f.count("SELECT COUNT(*) FROM tickets WHERE status = 'NO_SHOW'")).isEqualTo(1);
    }

    @Test
    void callTicket_byNumber_andItsErrors() throws Exception {
        f.issue("k1", "A");
        f.issue("k1", "B");
        f.issue("k1", "C");
        f.signIn("caller1", "t1");
        assertThat(f.error("caller1", Operation.CALL_TICKET, new Bodies.CallTicket("A999"))).isEqualTo("UNKNOWN_TICKET");
        assertThat(f.error("caller1", Operation.CALL_TICKET, new Bodies.CallTicket("C001"))).isEqualTo("NOT_SERVED_HERE");
        assertThat(f.teller("caller1", Operation.CALL_TICKET, new Bodies.CallTicket("B001")).counter().ticket().number())
                .isEqualTo("B001");
        assertThat(f.error("caller1", Operation.CALL_TICKET, new Bodies.CallTicket("A001")))
                .isEqualTo("FINISH_CURRENT_FIRST");
    }

    @Test
    void transfer_toService_keepsIssueTimeAndIsCalledThere() throws Exception {
        Instant issued = f.clock.instant();
        f.issue("k1", "A");
        f.clock.advance(Duration.ofMinutes(2));
        f.issue("k1", "B");
        f.signIn("caller1", "t1");
        f.signIn("caller2", "t2");
        f.teller("caller1", Operation.CALL_NEXT);
        assertThat(f.error("caller1", Operation.TICKET_TRANSFER, new Bodies.Transfer("Z", null)))
                .isEqualTo("UNKNOWN_SERVICE");
        assertThat(f.error("caller1", Operation.TICKET_TRANSFER, new Bodies.Transfer(null, "c9")))
                .isEqualTo("UNKNOWN_COUNTER");
        f.teller("caller1", Operation.TICKET_TRANSFER, new Bodies.Transfer("B", null));
        Bodies.CounterReply at2 = f.teller("caller2", Operation.CALL_NEXT);
        assertThat(at2.counter().ticket().number()).as("older than B001, so first").isEqualTo("A001");
        assertThat(at2.counter().ticket().service()).isEqualTo("B");
        assertThat(at2.counter().ticket().issuedAt()).isEqualTo(issued);
    }

    @Test
    void transfer_toCounter_onlyThatCounterCallsIt_first() throws Exception {
        f.issue("k1", "A");
        f.issue("k1", "A");
        f.signIn("caller1", "t1");
        f.signIn("caller4", "t4");
        f.signIn("caller2", "t2");
        f.teller("caller1", Operation.CALL_NEXT);
        f.teller("caller1", Operation.TICKET_TRANSFER, new Bodies.Transfer(null, "c2"));
        assertThat(f.teller("caller4", Operation.CALL_NEXT).counter().ticket().number()).isEqualTo("A002");
        assertThat(f.teller("caller2", Operation.CALL_NEXT).counter().ticket().number())
                .as("directed to c2 although c2 does not serve A").isEqualTo("A001");
    }

    @Test
    void pauseAndResume_withTheirErrors() throws Exception {
        f.issue("k1", "A");
        f.signIn("caller1", "t1");
        assertThat(f.error("caller1", Operation.COUNTER_RESUME)).isEqualTo("NOT_PAUSED");
        f.teller("caller1", Operation.CALL_NEXT);
        assertThat(f.error("caller1", Operation.COUNTER_PAUSE, new Bodies.Pause("午休"))).isEqualTo("FINISH_CURRENT_FIRST");
        assertThat(f.error("caller1", Operation.TELLER_SIGN_OUT)).isEqualTo("FINISH_CURRENT_FIRST");
        f.teller("caller1", Operation.SERVICE_COMPLETE);
        Bodies.CounterReply paused = f.teller("caller1", Operation.COUNTER_PAUSE, new Bodies.Pause("午休"));
        assertThat(paused.counter().status()).isEqualTo(CounterStatus.PAUSED);
        assertThat(f.counter("c1").pauseReason()).isEqualTo("午休");
        f.issue("k1", "A");
        assertThat(f.error("caller1", Operation.CALL_NEXT)).isEqualTo("COUNTER_PAUSED");
        assertThat(f.teller("caller1", Operation.COUNTER_RESUME).counter().status()).isEqualTo(CounterStatus.IDLE);
        assertThat(f.teller("caller1", Operation.CALL_NEXT).counter().ticket().number()).isEqualTo("A002");
    }

    @Test
    void waitEstimate_usesMeasuredServiceTimesAndOpenCounters() throws Exception {
        f.signIn("caller1", "t1");
        f.signIn("caller4", "t4");
        f.issue("k1", "A");
        f.teller("caller1", Operation.CALL_NEXT);
        f.clock.advance(Duration.ofMinutes(2));
        f.teller("caller1", Operation.SERVICE_COMPLETE);
        f.issue("k1", "A");
        f.issue("k1", "A");
        Bodies.IssuedTicket third = f.issue("k1", "A");
        assertThat(third.peopleAhead()).isEqualTo(2);
        assertThat(third.estimatedWaitSeconds()).as("2 ahead × 120 s / 2 counters").isEqualTo(120);
    }

    @Test
    void storeFailure_answersStoreErrorAndChangesNothing() throws Exception {
        f.issue("k1", "A");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server/branch.db"));
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE ticket_log");
        }
        assertThat(f.error("k1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"))).isEqualTo("STORE_ERROR");
        assertThat(f.count("SELECT COUNT(*) FROM tickets")).isEqualTo(1);
        assertThat(f.services().services().get(0).waiting()).isEqualTo(1);
    }
}
