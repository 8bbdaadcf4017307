package io.counterline.headoffice.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.headoffice.ingest.Fact;
import io.counterline.headoffice.ingest.FactCheck;
import io.counterline.headoffice.ingest.UplinkRoutes;
import io.counterline.headoffice.store.FactStore;
import io.counterline.headoffice.testing.Installed;
import io.counterline.headoffice.testing.PostgresServer;
import io.counterline.outbox.Outbox;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Reconcile;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows.CallRow;
import io.counterline.server.store.Rows.RatingRow;
import io.counterline.server.store.Rows.TicketRow;
import io.counterline.server.store.Rows.UplinkRow;
import io.counterline.server.store.SqliteBranchStore;
import io.counterline.server.uplink.CommittedFactsTap;
import io.counterline.server.uplink.Reconciliation;
import io.counterline.server.uplink.Uplink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation with real parts but without the broker cluster (the uplink's transport is
 * tested by {@code HeadOfficeIT}): a real branch store written through the engine's
 * {@link CommittedFactsTap}, its uplink journal turned into envelopes by a real {@link Outbox},
 * encoded, checked at the head-office door ({@link FactCheck}) and stored in PostgreSQL 15
 * ({@link FactStore}) as an ingest worker does; head office's requests reach the branch's
 * {@link Reconciliation#onRequest} in their wire form.
 */
class ReconciliationIT {
    private static final LocalDate DAY = LocalDate.parse("2026-12-04");
    private static final Instant NOON = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T01:00:00Z"), ZoneOffset.UTC);
    private static final int VISITS = 20;
    private static final MessageCodec CODEC = new MessageCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static PostgresServer pg;
    static FactStore headOffice;

    @BeforeAll
    static void startPostgres() throws Exception {
        Installed.require(PostgresServer.INITDB, "postgresql-15");
        pg = PostgresServer.start();
        headOffice = FactStore.open(pg.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (headOffice != null) {
            headOffice.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** A branch: its store, the engine's tapped view of it, its outbox and its reconciliation. */
    private record Branch(String id, SqliteBranchStore store, BranchStore engine, Outbox outbox,
                          Reconciliation reconciliation) {
        static Branch open(String id) throws Exception {
            Path data = Files.createDirectories(dir.resolve(id));
            SqliteBranchStore store = SqliteBranchStore.open(data.resolve("branch.db"), CLOCK);
            return new Branch(id, store, CommittedFactsTap.wrap(store, facts -> { }),
                    Outbox.open(data.resolve("uplink.db"), Uplink.DEVICE, 100_000, CLOCK),
                    new Reconciliation(id, store, () -> { }, () -> 0, CLOCK));
        }

        /** Visits as the engine commits them: a ticket issued then called, its two steps, its call and rating. */
        void serve(int visits) throws Exception {
            for (int i = 1; i <= visits; i++) {
                int n = i;
                engine.inTransaction(() -> {
                    Instant at = NOON.plusSeconds(60L * n);
                    TicketRow issued = new TicketRow(id + "-t" + n, DAY.toString(), "A", n, "A" + n, at, "kiosk",
                            false, "waiting", null, null, null, null, null, null, 0);
                    engine.saveTicket(issued);
                    engine.logTicket(issued.id(), at, "issued", null, null, null);
                    Instant calledAt = at.plusSeconds(30);
                    engine.saveTicket(new TicketRow(issued.id(), DAY.toString(), "A", n, "A" + n, at, "kiosk", false,
                            "called", null, "c1", "t1", calledAt, null, null, 0));
                    engine.logTicket(issued.id(), calledAt, "called", "c1", "t1", null);
                    engine.insertCall(new CallRow(id + "-call" + n, issued.id(), "A" + n, "c1", "t1", calledAt, 0,
                            "next"));
                    engine.insertRating(new RatingRow(issued.id(), "arm" + n, "c1", "t1", RatingLevel.SATISFIED,
                            calledAt.plusSeconds(300), "ev" + n));
                    return null;
                });
            }
        }

        /**
         * What the uplink and an ingest worker do, without the broker in between: journal →
         * outbox envelopes → wire bytes on the branch's own routing key → door check → one
         * PostgreSQL transaction. Returns the facts accepted and committed.
         */
        List<Fact> uplink(FactCheck door, List<FactStore.Refusal> refusals) throws Exception {
            List<UplinkRow> rows = store.journaledUplink(0, 100_000);
            List<Fact> accepted = new ArrayList<>();
            for (UplinkRow r : rows) {
                EventEnvelope e = outbox.append(EventType.of(r.type()), (ObjectNode) JSON.readTree(r.body()));
                byte[] wire = CODEC.encode(e);
                FactCheck.Outcome outcome = door.check(UplinkRoutes.factsKey(id), wire);
                if (outcome instanceof FactCheck.Accepted a) {
                    accepted.add(a.fact());
                } else if (outcome instanceof FactCheck.Refused refused) {
                    refusals.add(new FactStore.Refusal(UplinkRoutes.factsKey(id), refused.reason(),
                            FactStore.payloadHead(wire)));
                }
            }
            if (!rows.isEmpty()) {
                store.forgetJournaledUplink(rows.get(rows.size() - 1).id());
            }
            headOffice.store(accepted, refusals);
            return accepted;
        }
    }

    @Test
    void rowsDeletedAtHeadOffice_reconciliationAsksForThoseKinds_restoresExactlyTheMissingFactsNothingTwice()
            throws Exception {
        FactCheck door = new FactCheck(CLOCK);
        Branch b = Branch.open("r1");
        b.serve(VISITS);
        b.uplink(door, new ArrayList<>());
        Map<EventType, Long> complete = Map.of(EventType.BRANCH_TICKET, (long) VISITS,
                EventType.BRANCH_TICKET_STEP, 2L * VISITS, EventType.BRANCH_CALL, (long) VISITS,
                EventType.BRANCH_RATING, (long) VISITS);
        assertThat(b.store().reconcileCounts(DAY.toString())).isEqualTo(complete);
        assertThat(headOffice.heldCounts("r1", DAY)).isEqualTo(complete);

        b.reconciliation().report(DAY);
        assertThat(Reconciler.shortfalls(headOffice, b.uplink(door, new ArrayList<>())))
                .as("nothing missing, nothing asked").isEmpty();

        // Lost at head office: both versions of 2 tickets, 3 steps, 3 calls, 1 rating.
        int deleted = sql("DELETE FROM facts WHERE branch = 'r1' AND ("
                + "(type = 'branch.ticket' AND body->>'id' IN ('r1-t1', 'r1-t2'))"
                + " OR (type = 'branch.ticket-step' AND body->>'ticket' = 'r1-t3')"
                + " OR (type = 'branch.ticket-step' AND body->>'ticket' = 'r1-t4' AND body->>'action' = 'called')"
                + " OR (type = 'branch.call' AND body->>'id' IN ('r1-call5', 'r1-call6', 'r1-call7'))"
                + " OR (type = 'branch.rating' AND body->>'ticket' = 'r1-t8'))");
        assertThat(deleted).isEqualTo(4 + 3 + 3 + 1);
        assertThat(headOffice.heldCounts("r1", DAY)).isEqualTo(Map.of(EventType.BRANCH_TICKET, VISITS - 2L,
                EventType.BRANCH_TICKET_STEP, 2L * VISITS - 3, EventType.BRANCH_CALL, VISITS - 3L,
                EventType.BRANCH_RATING, VISITS - 1L));
        long rowsBefore = count("SELECT COUNT(*) FROM facts WHERE branch = 'r1' AND type <> 'branch.reconcile'");

        b.reconciliation().report(DAY);
        List<Reconciler.Request> requests = Reconciler.shortfalls(headOffice, b.uplink(door, new ArrayList<>()));
        assertThat(requests).extracting(r -> r.resend().kind()).containsExactlyInAnyOrderElementsOf(Reconcile.KINDS);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.branch()).isEqualTo("r1");
            assertThat(r.resend().day()).isEqualTo(DAY);
        });
        for (Reconciler.Request r : requests) {
            b.reconciliation().onRequest(r.resend().encode()); // as read from the branch's command topic
        }
        List<Fact> resent = b.uplink(door, new ArrayList<>());
        assertThat(resent).as("the branch sends the whole of each day and kind asked for")
                .hasSize(VISITS + 2 * VISITS + VISITS + VISITS);

        assertThat(headOffice.heldCounts("r1", DAY)).isEqualTo(complete);
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'r1' AND type <> 'branch.reconcile'"))
                .as("exactly the missing facts added: one version of each lost ticket, the others one each")
                .isEqualTo(rowsBefore + 2 + 3 + 3 + 1);
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'r1' AND body->>'resent' IS NOT NULL"))
                .isEqualTo(2 + 3 + 3 + 1);
        assertThat(count("SELECT COUNT(*) FROM (SELECT type, body->>'id', body->>'ticket', body->>'at', body->>'action'"
                + " FROM facts WHERE branch = 'r1' AND type IN ('branch.ticket-step', 'branch.call', 'branch.rating')"
                + " GROUP BY 1, 2, 3, 4, 5 HAVING COUNT(*) > 1) twice")).as("no fact twice").isZero();
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'r1' AND type = 'branch.call'"
                + " AND body->>'id' IN ('r1-call5', 'r1-call6', 'r1-call7')")).isEqualTo(3);

        // Asked again (a repeated request, a second worker): nothing more is stored.
        long rowsAfter = count("SELECT COUNT(*) FROM facts WHERE branch = 'r1'");
        for (Reconciler.Request r : requests) {
            b.reconciliation().onRequest(r.resend().encode());
        }
        b.uplink(door, new ArrayList<>());
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'r1'")).isEqualTo(rowsAfter);

        b.reconciliation().report(DAY);
        assertThat(Reconciler.shortfalls(headOffice, b.uplink(door, new ArrayList<>()))).isEmpty();
    }

    @Test
    void branchClaimingCountsForAnotherBranch_refusedAtTheDoor_nothingAsked() throws Exception {
        FactCheck door = new FactCheck(CLOCK);
        Branch victim = Branch.open("r2");
        victim.serve(3);
        victim.uplink(door, new ArrayList<>());
        Branch forger = Branch.open("r3");
        // r3 publishes, on its own topic, counts that name r2 and claim more than r2 has.
        var forged = new Reconcile.Counts("r2", DAY, Map.of(EventType.BRANCH_TICKET, 50L,
                EventType.BRANCH_TICKET_STEP, 100L, EventType.BRANCH_CALL, 50L, EventType.BRANCH_RATING, 50L));
        forger.store().inTransaction(() -> {
            forger.store().journalUplink(List.of(new UplinkRow(0, EventType.BRANCH_RECONCILE.wire(),
                    forged.toBody().toString())));
            return null;
        });
        List<FactStore.Refusal> refusals = new ArrayList<>();
        List<Fact> accepted = forger.uplink(door, refusals);

        assertThat(accepted).isEmpty();
        assertThat(refusals).singleElement().satisfies(r ->
                assertThat(r.reason()).contains("counts claimed for another branch r2").contains("from r3"));
        assertThat(Reconciler.shortfalls(headOffice, accepted)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM refused_facts WHERE reason LIKE '%another branch r2%'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch IN ('r2', 'r3') AND type = 'branch.reconcile'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'r2'")).as("r2's facts untouched").isEqualTo(3 * 6);
    }

    private static int sql(String statement) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
        }
    }

    private static long count(String query) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
