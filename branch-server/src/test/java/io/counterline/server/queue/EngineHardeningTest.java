package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Operation;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.TicketIds;
import io.counterline.server.store.SqliteBranchStore;
import io.counterline.server.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What black-box testing broke in the engine (issue 18), each shown here fixed. */
class EngineHardeningTest {
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

    private Bodies.BlockLease lease(String kiosk, String service, int size) throws Exception {
        return f.ok(kiosk, Operation.BLOCK_LEASE, new Bodies.LeaseBlock(service, size), Bodies.BlockLease.class);
    }

    private Bodies.OfflineTicket offline(String service, int seq, Instant issuedAt) {
        String number = service + String.format("%03d", seq);
        return new Bodies.OfflineTicket(TicketIds.of("b001", "2026-11-22", number), service, number, seq, "2026-11-22",
                issuedAt);
    }

    /** A001 issued, called and completed at c1 by t1: pad1 is armed. */
    private Bodies.IssuedTicket serveOneAtCounter1() throws Exception {
        Bodies.IssuedTicket t = f.issue("k1", "A");
        f.signIn("caller1", "t1");
        f.teller("caller1", Operation.CALL_NEXT);
        f.teller("caller1", Operation.SERVICE_COMPLETE);
        return t;
    }

    private int waiting(int service) {
        return f.services().services().get(service).waiting();
    }

    // ------------------------------------------------------------ item 2: roles and ownership

    @Test
    void events_fromARoleThatMayNotSendThem_areKeptButChangeNothing() throws Exception {
        Bodies.IssuedTicket t = f.issue("k1", "A");
        assertThat(f.commit(f.event("pad1", 1, EventType.SLIP_FAILED,
                new Bodies.SlipOutcome(t.ticket().id(), "A001", "forged by a pad")))).as("stored, so acked").hasSize(1);
        Bodies.BlockLease lease = lease("k1", "A", 5);
        f.commit(f.event("hall", 1, EventType.TICKET_ISSUED_OFFLINE, offline("A", lease.first(), f.clock.instant())));
        f.commit(f.event("caller1", 1, EventType.TICKET_ISSUED_OFFLINE, offline("A", lease.first() + 1, f.clock.instant())));
        assertThat(waiting(0)).as("not voided, nothing merged").isEqualTo(1);
        assertThat(f.count("SELECT COUNT(*) FROM ticket_log WHERE action IN ('voided', 'merged')")).isZero();
        assertThat(f.engine.refusedEvents()).isEqualTo(3);
        assertThat(f.count("SELECT COUNT(*) FROM device_events")).as("kept for audits").isEqualTo(3);
    }

    @Test
    void slipFailed_ofAnotherKiosksTicket_isRefused_ownIsVoided() throws Exception {
        Bodies.IssuedTicket t = f.issue("k1", "A");
        Bodies.SlipOutcome failed = new Bodies.SlipOutcome(t.ticket().id(), "A001", "paper out");
        f.commit(f.event("k2", 1, EventType.SLIP_FAILED, failed));
        assertThat(waiting(0)).isEqualTo(1);
        f.commit(f.event("k1", 1, EventType.SLIP_FAILED, failed));
        assertThat(waiting(0)).isZero();
    }

    @Test
    void offlineTicket_fromAnotherKiosksLease_isRefused() throws Exception {
        Bodies.BlockLease lease = lease("k1", "A", 5);
        f.commit(f.event("k2", 1, EventType.TICKET_ISSUED_OFFLINE, offline("A", lease.first(), f.clock.instant())));
        assertThat(waiting(0)).isZero();
        f.commit(f.event("k1", 1, EventType.TICKET_ISSUED_OFFLINE, offline("A", lease.first(), f.clock.instant())));
        assertThat(waiting(0)).isEqualTo(1);
    }

    @Test
    void rating_fromAPadTheArmWasNotSentTo_isNotStored() throws Exception {
        serveOneAtCounter1();
        Bodies.RatingArm arm = f.codec.decodeBody(f.commands.get(0).body(), Bodies.RatingArm.class).orThrow();
        Bodies.RatingGiven given = new Bodies.RatingGiven(arm.armId(), arm.ticket().id(), "c1", "t1",
                RatingLevel.DISSATISFIED);
        f.commit(f.event("pad2", 1, EventType.RATING_GIVEN, given));
        assertThat(f.count("SELECT COUNT(*) FROM ratings")).isZero();
        f.commit(f.event("pad1", 1, EventType.RATING_GIVEN, given));
        assertThat(f.count("SELECT COUNT(*) FROM ratings")).isEqualTo(1);
    }

    @Test
    void requests_fromARoleThatMayNotMakeThem_areNotAllowed() throws Exception {
        assertThat(f.error("pad1", Operation.CALL_NEXT)).isEqualTo("NOT_ALLOWED");
        assertThat(f.error("hall", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"))).isEqualTo("NOT_ALLOWED");
        assertThat(f.error("nobody", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"))).isEqualTo("NOT_ALLOWED");
    }

    // ------------------------------------------------------------ item 6: no value breaks the engine

    @Test
    void offlineTicket_issueTimeHundredsOfMillionsOfYearsAway_callNextStillWorks_acrossRestart() throws Exception {
        Bodies.BlockLease lease = lease("k1", "A", 5);
        f.commit(f.event("k1", 1, EventType.TICKET_ISSUED_OFFLINE,
                offline("A", lease.first(), Instant.parse("+300000000-01-01T00:00:00Z"))));
        f.commit(f.event("k1", 2, EventType.TICKET_ISSUED_OFFLINE,
                offline("A", lease.first() + 1, Instant.parse("-300000000-01-01T00:00:00Z"))));
        assertThat(f.issue("k2", "A").ticket().number()).as("numbering does not jump").isEqualTo("A001");
        f.signIn("caller1", "t1");
        Bodies.CounterReply first = f.teller("caller1", Operation.CALL_NEXT);
        assertThat(first.counter().ticket().issuedAt()).as("ranked by a time within today")
                .isBetween(Instant.parse("2026-11-21T19:00:00Z"), f.clock.instant());

        f.restart();

        f.clock.advance(Duration.ofMinutes(1));
        assertThat(f.teller("caller1", Operation.CALL_NEXT).counter().ticket()).isNotNull();
        assertThat(f.teller("caller1", Operation.CALL_NEXT).counter().ticket()).isNotNull();
        assertThat(f.issue("k2", "A").ticket().number()).isEqualTo("A002");
    }

    @Test
    void oneRequestThatFailsInTheStore_doesNotFailTheOthersOfItsBatch() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server/branch.db"));
             Statement s = c.createStatement()) {
            // Issuing B now fails in the store, as a poison request would.
            s.execute("CREATE TRIGGER poison BEFORE INSERT ON tickets WHEN NEW.service = 'B'"
                    + " BEGIN SELECT RAISE(ABORT, 'poison'); END");
        }
        CountDownLatch release = new CountDownLatch(1);
        f.holdEngine = release;
        CompletableFuture<Response> first = f.engine.submit("k1", Request.of("r1", Operation.TICKET_ISSUE,
                f.codec.toBody(new Bodies.IssueTicket("A"))));
        assertThat(f.engineHeld.await(10, TimeUnit.SECONDS)).isTrue();
        // The engine is held after committing the first: these two make one batch.
        CompletableFuture<Response> poison = f.engine.submit("k2", Request.of("r2", Operation.TICKET_ISSUE,
                f.codec.toBody(new Bodies.IssueTicket("B"))));
        CompletableFuture<Response> good = f.engine.submit("k3", Request.of("r3", Operation.TICKET_ISSUE,
                f.codec.toBody(new Bodies.IssueTicket("A"))));
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).ok()).isTrue();
        assertThat(poison.get(10, TimeUnit.SECONDS).error().code()).isEqualTo("STORE_ERROR");
        Response answered = good.get(10, TimeUnit.SECONDS);
        assertThat(answered.ok()).as("%s", answered.error()).isTrue();
        assertThat(f.codec.decodeBody(answered.result(), Bodies.IssuedTicket.class).orThrow().ticket().number())
                .isEqualTo("A002");
        assertThat(f.count("SELECT COUNT(*) FROM tickets")).isEqualTo(2);
        assertThat(waiting(0)).isEqualTo(2);
        assertThat(waiting(1)).isZero();
    }

    @Test
    void oneEventThatCannotBeApplied_doesNotFailTheOthersOfItsBatch() throws Exception {
        Bodies.IssuedTicket t = f.issue("k1", "A");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server/branch.db"));
             Statement s = c.createStatement()) {
            // Storing this one offline ticket now fails in the store, as a poison item would.
            s.execute("CREATE TRIGGER poison BEFORE INSERT ON tickets WHEN NEW.number = 'A500'"
                    + " BEGIN SELECT RAISE(ABORT, 'poison'); END");
        }
        List<EventEnvelope> fresh = f.commit(
                f.event("k1", 1, EventType.TICKET_ISSUED_OFFLINE, offline("A", 500, f.clock.instant())),
                f.event("k1", 2, EventType.SLIP_PRINTED, new Bodies.SlipOutcome(t.ticket().id(), "A001", "")));
        assertThat(fresh).as("both stored and acknowledged: resending would fail the same way").hasSize(2);
        assertThat(f.count("SELECT COUNT(*) FROM ticket_log WHERE action = 'printed'")).isEqualTo(1);
        assertThat(f.engine.refusedEvents()).isEqualTo(1);
        assertThat(f.issue("k1", "A").ticket().number()).isEqualTo("A002");
    }

    @Test
    void offlineTicketOfAPastDay_withTheIdOfAServedTicket_doesNotOverwriteIt() throws Exception {
        Bodies.IssuedTicket t = serveOneAtCounter1();
        f.clock.advance(Duration.ofDays(1));
        f.settle();
        f.commit(f.event("k1", 1, EventType.TICKET_ISSUED_OFFLINE,
                new Bodies.OfflineTicket(t.ticket().id(), "A", "A001", 1, "2026-11-22", f.clock.instant())));
        assertThat(f.count("SELECT COUNT(*) FROM tickets WHERE status = 'COMPLETED' AND teller = 't1'")).isEqualTo(1);
        assertThat(f.engine.refusedEvents()).isEqualTo(1);
    }

    // ------------------------------------------------------------ item 3: PIN guessing

    @Test
    void wrongPinBurst_doesNotHoldUpATicket_andTheLockoutEngages() throws Exception {
        CountDownLatch hashesMayFinish = new CountDownLatch(1);
        AtomicInteger hashed = new AtomicInteger();
        f.verifier = (teller, pin) -> {
            hashed.incrementAndGet();
            try {
                hashesMayFinish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return teller.pin().matches(pin);
        };
        f.restart();
        List<CompletableFuture<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            guesses.add(f.engine.submit("caller1", Request.of(UUID.randomUUID().toString(), Operation.TELLER_SIGN_IN,
                    f.codec.toBody(new Bodies.SignIn("t1", String.format("%04d", i))))));
        }
        // The PIN checks are held; a kiosk's ticket is answered meanwhile (f.issue waits at most 10 s).
        assertThat(f.issue("k1", "A").ticket().number()).isEqualTo("A001");
        assertThat(guesses).noneMatch(CompletableFuture::isDone);
        hashesMayFinish.countDown();

        List<String> codes = new ArrayList<>();
        for (CompletableFuture<Response> g : guesses) {
            codes.add(g.get(10, TimeUnit.SECONDS).error().code());
        }
        assertThat(codes.subList(0, PinThrottle.FREE_FAILURES + 1)).containsOnly("BAD_PIN");
        assertThat(codes.subList(PinThrottle.FREE_FAILURES + 1, 20)).containsOnly("PIN_LOCKED");
        assertThat(hashed).as("a locked sign-in costs no hashing").hasValue(PinThrottle.FREE_FAILURES + 1);
        assertThat(f.error("caller1", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234")))
                .as("even the right PIN waits").isEqualTo("PIN_LOCKED");
        assertThat(f.error("caller1", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t2", "1234")))
                .as("the counter is locked too").isEqualTo("PIN_LOCKED");
        assertThat(f.count("SELECT failures FROM pin_lockouts WHERE subject = 'teller:t1'"))
                .as("visible to supervisors").isEqualTo(PinThrottle.FREE_FAILURES + 1);

        f.restart();
        assertThat(f.error("caller1", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234")))
                .as("a restart does not lift it").isEqualTo("PIN_LOCKED");
        f.signIn("caller2", "t2");
        f.clock.advance(PinThrottle.FIRST_LOCK.plusSeconds(1));
        f.signIn("caller1", "t1");
        assertThat(f.count("SELECT failures FROM pin_lockouts WHERE subject = 'teller:t1'")).isZero();
    }

    // ------------------------------------------------------------ item 12: restarts and a second server

    @Test
    void openArm_sentAgainAfterAServerRestartWithinTheRatingWindow_untilRated() throws Exception {
        serveOneAtCounter1();
        assertThat(f.commands).hasSize(1);

        f.restart();
        assertThat(f.commands).as("sent again at start").hasSize(2);
        assertThat(f.commands.get(1)).isEqualTo(f.commands.get(0));

        Bodies.RatingArm arm = f.codec.decodeBody(f.commands.get(0).body(), Bodies.RatingArm.class).orThrow();
        f.commit(f.event("pad1", 1, EventType.RATING_GIVEN,
                new Bodies.RatingGiven(arm.armId(), arm.ticket().id(), "c1", "t1", RatingLevel.SATISFIED)));
        f.restart();
        assertThat(f.commands).as("rated: not sent again")
                .filteredOn(c -> c.type() == CommandType.RATING_ARM).hasSize(2);
    }

    @Test
    void openArm_expiredBeforeTheRestart_isNotSentAgain() throws Exception {
        serveOneAtCounter1();
        f.clock.advance(Duration.ofSeconds(61));
        f.restart();
        assertThat(f.commands).hasSize(1);
    }

    @Test
    void secondServerOnTheSameStore_refusesToStart_whileReadersStillRead() throws Exception {
        f.issue("k1", "A");
        assertThatThrownBy(() -> SqliteBranchStore.open(dir.resolve("server/branch.db"), f.clock))
                .isInstanceOf(StoreException.class).hasMessageContaining("in use by another branch server");
        assertThat(f.count("SELECT COUNT(*) FROM tickets")).as("a reader's own connection").isEqualTo(1);
        assertThat(f.issue("k1", "A").ticket().number()).as("the first server goes on").isEqualTo("A002");
    }

    // ------------------------------------------------------------ item 17: numbers read naturally

    @Test
    void firstTicketOfTheDay_isOne_evenWhenKiosksHoldBlocks() throws Exception {
        lease("k1", "A", 20);
        lease("k2", "A", 20);
        assertThat(f.issue("k3", "A").ticket().number()).isEqualTo("A001");
    }

    // ------------------------------------------------------------ item 14: nobody stranded by a transfer

    @Test
    void transfer_toACounterNobodyIsAt_isRefused_andSignOutSendsDirectedTicketsBack() throws Exception {
        f.issue("k1", "A");
        f.signIn("caller1", "t1");
        f.teller("caller1", Operation.CALL_NEXT);
        assertThat(f.error("caller1", Operation.TICKET_TRANSFER, new Bodies.Transfer(null, "c2")))
                .isEqualTo("COUNTER_UNSTAFFED");
        assertThat(f.counter("c1").ticket().number()).as("still with the teller").isEqualTo("A001");

        f.signIn("caller2", "t2");
        f.teller("caller1", Operation.TICKET_TRANSFER, new Bodies.Transfer(null, "c2"));
        f.teller("caller2", Operation.TELLER_SIGN_OUT);
        f.signIn("caller4", "t4");
        assertThat(f.teller("caller4", Operation.CALL_NEXT).counter().ticket().number())
                .as("back in its service's queue when c2 closed").isEqualTo("A001");
    }
}
