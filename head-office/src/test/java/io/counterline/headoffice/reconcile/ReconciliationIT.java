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
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.supervision.Checklist;
import io.counterline.console.supervision.CorrectionNote;
import io.counterline.console.supervision.EscalationLevel;
import io.counterline.console.supervision.Inspection;
import io.counterline.console.supervision.OrderState;
import io.counterline.console.supervision.OrderStep;
import io.counterline.console.supervision.SupervisionStore;
import io.counterline.console.supervision.WorkOrder;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Health;
import io.counterline.server.uplink.CommittedFactsTap;
import io.counterline.server.uplink.DeviceHealthDays;
import io.counterline.server.uplink.SupervisionJournal;
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
            return uplink(door, refusals, null);
        }

        /** As {@link #uplink(FactCheck, List)}, the supervision journal's facts first when there is one. */
        List<Fact> uplink(FactCheck door, List<FactStore.Refusal> refusals, SupervisionJournal supervision)
                throws Exception {
            List<UplinkRow> rows = new ArrayList<>();
            if (supervision != null) {
                List<UplinkRow> journaled = supervision.after(0, 100_000);
                rows.addAll(journaled);
                if (!journaled.isEmpty()) {
                    supervision.forget(journaled.get(journaled.size() - 1).id());
                }
            }
            List<UplinkRow> own = store.journaledUplink(0, 100_000);
            rows.addAll(own);
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
            if (!own.isEmpty()) {
                store.forgetJournaledUplink(own.get(own.size() - 1).id());
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
        Map<EventType, Long> complete = everyKind(Map.of(EventType.BRANCH_TICKET, (long) VISITS,
                EventType.BRANCH_TICKET_STEP, 2L * VISITS, EventType.BRANCH_CALL, (long) VISITS,
                EventType.BRANCH_RATING, (long) VISITS));
        assertThat(everyKind(b.store().reconcileCounts(DAY.toString()))).isEqualTo(complete);
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
        assertThat(headOffice.heldCounts("r1", DAY)).isEqualTo(everyKind(Map.of(EventType.BRANCH_TICKET, VISITS - 2L,
                EventType.BRANCH_TICKET_STEP, 2L * VISITS - 3, EventType.BRANCH_CALL, VISITS - 3L,
                EventType.BRANCH_RATING, VISITS - 1L)));
        long rowsBefore = count("SELECT COUNT(*) FROM facts WHERE branch = 'r1' AND type <> 'branch.reconcile'");

        b.reconciliation().report(DAY);
        List<Reconciler.Request> requests = Reconciler.shortfalls(headOffice, b.uplink(door, new ArrayList<>()));
        assertThat(requests).extracting(r -> r.resend().kind()).containsExactlyInAnyOrder(EventType.BRANCH_TICKET,
                EventType.BRANCH_TICKET_STEP, EventType.BRANCH_CALL, EventType.BRANCH_RATING);
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

    /** Counts of every reconciled kind: those given, 0 for the others. */
    private static Map<EventType, Long> everyKind(Map<EventType, Long> counts) {
        Map<EventType, Long> out = new java.util.EnumMap<>(EventType.class);
        for (EventType kind : Reconcile.KINDS) {
            out.put(kind, counts.getOrDefault(kind, 0L));
        }
        return out;
    }

    /**
     * The supervision facts of a real {@code console.db} (journaled by {@link SupervisionStore} in the
     * transaction of each change, copied like the branch store's journal) and the device health
     * facts and daily summaries of the branch store: stored once, a lost one of each kind found by
     * the counts and sent again, a malformed supervision fact refused and counted.
     */
    @Test
    void supervisionAndHealthFacts_storedOnce_lostOnesAskedForAndRestored_malformedOneRefusedAndCounted()
            throws Exception {
        FactCheck door = new FactCheck(CLOCK);
        Branch b = Branch.open("r4");
        Path consoleDb = dir.resolve("r4").resolve("console.db");
        ConsoleStore.open(consoleDb).close();
        try (SupervisionStore supervision = SupervisionStore.open(consoleDb)) {
            SupervisionJournal journal = new SupervisionJournal(supervision);
            b.reconciliation().attach(journal);
            supervise(supervision);
            for (int i = 0; i < 4; i++) { // health changes of two devices, through the engine's tap
                int n = i;
                b.engine().inTransaction(() -> b.engine().storeEvents(List.of(new EventEnvelope(MessageCodec.VERSION,
                        "pad-1-h" + n, n + 1, "pad-1", EventType.HEALTH_CHANGED, NOON.plusSeconds(600L * n), 1,
                        CODEC.toBody(new Bodies.HealthChanged(n % 2 == 0 ? Health.degraded("no paper") : Health.OK))))));
            }
            b.engine().inTransaction(() -> b.engine().storeEvents(List.of(new EventEnvelope(MessageCodec.VERSION,
                    "kiosk-1-h1", 1, "kiosk-1", EventType.HEALTH_CHANGED, NOON, 1, CODEC.toBody(
                            new Bodies.HealthChanged(Health.OK))))));
            assertThat(new DeviceHealthDays(b.store(), ZoneOffset.UTC, CLOCK, () -> { }).buildMissing())
                    .containsExactly(DAY);

            List<Fact> first = b.uplink(door, new ArrayList<>(), journal);
            Map<EventType, Long> complete = everyKind(Map.of(EventType.BRANCH_WORK_ORDER, 7L,
                    EventType.BRANCH_INSPECTION, 1L, EventType.BRANCH_CORRECTION, 2L, EventType.BRANCH_DEVICE_HEALTH, 5L,
                    EventType.BRANCH_DEVICE_HEALTH_DAY, 2L));
            assertThat(first).as("with the rectification order, created the next day").hasSize(8 + 1 + 2 + 5 + 2);
            Map<EventType, Long> branchCounts = everyKind(b.store().reconcileCounts(DAY.toString()));
            branchCounts.putAll(journal.counts(DAY));
            assertThat(branchCounts).isEqualTo(complete);
            assertThat(headOffice.heldCounts("r4", DAY)).isEqualTo(complete);
            headOffice.store(first, List.of()); // delivered twice: stored once
            assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'r4'")).isEqualTo(18);
            assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'r4' AND body::text LIKE '%138-0000%'"))
                    .as("the customer's contact stays at the branch").isZero();

            int deleted = sql("DELETE FROM facts WHERE branch = 'r4' AND ("
                    + "(type = 'branch.work-order' AND body->>'action' = 'close')"
                    + " OR type = 'branch.inspection'"
                    + " OR (type = 'branch.correction' AND body->>'note' = '1')"
                    + " OR (type = 'branch.device-health' AND body->>'event' = 'pad-1-h2')"
                    + " OR (type = 'branch.device-health-day' AND body->>'device' = 'kiosk-1'))");
            assertThat(deleted).isEqualTo(5);
            long rowsBefore = count("SELECT COUNT(*) FROM facts WHERE branch = 'r4' AND type <> 'branch.reconcile'");

            b.reconciliation().report(DAY);
            List<Reconciler.Request> requests = Reconciler.shortfalls(headOffice, b.uplink(door, new ArrayList<>(),
                    journal));
            assertThat(requests).extracting(r -> r.resend().kind()).containsExactlyInAnyOrder(
                    EventType.BRANCH_WORK_ORDER, EventType.BRANCH_INSPECTION, EventType.BRANCH_CORRECTION,
                    EventType.BRANCH_DEVICE_HEALTH, EventType.BRANCH_DEVICE_HEALTH_DAY);
            for (Reconciler.Request r : requests) {
                b.reconciliation().onRequest(r.resend().encode());
            }
            assertThat(b.uplink(door, new ArrayList<>(), journal)).as("each kind asked for sent whole").hasSize(17);
            assertThat(headOffice.heldCounts("r4", DAY)).isEqualTo(complete);
            assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'r4' AND type <> 'branch.reconcile'"))
                    .as("exactly the lost ones added").isEqualTo(rowsBefore + 5);
            assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'r4' AND type = 'branch.work-order'"
                    + " AND body->>'action' = 'close' AND body->>'state' = 'closed' AND body->>'resent' IS NOT NULL"))
                    .isEqualTo(1);
            b.reconciliation().report(DAY);
            assertThat(Reconciler.shortfalls(headOffice, b.uplink(door, new ArrayList<>(), journal))).isEmpty();

            // A supervision fact without its deadline and one with an unknown state: refused and counted.
            ObjectNode bad = (ObjectNode) JSON.readTree(supervision.factsOn("branch.work-order", DAY).get(0).toString());
            bad.remove("deadline");
            ObjectNode lost = bad.deepCopy().put("deadline", NOON.toString()).put("state", "lost");
            b.store().inTransaction(() -> {
                b.store().journalUplink(List.of(new UplinkRow(0, "branch.work-order", bad.toString()),
                        new UplinkRow(0, "branch.work-order", lost.toString())));
                return null;
            });
            List<FactStore.Refusal> refusals = new ArrayList<>();
            assertThat(b.uplink(door, refusals, journal)).isEmpty();
            assertThat(refusals).extracting(FactStore.Refusal::reason).satisfiesExactly(
                    r -> assertThat(r).contains("needs text field 'deadline'").contains("from r4"),
                    r -> assertThat(r).contains("unknown 'state'"));
            assertThat(count("SELECT COUNT(*) FROM refused_facts WHERE routing_key = 'cl.v1.r4.dev.uplink.evt'"))
                    .isEqualTo(2);
            assertThat(headOffice.heldCounts("r4", DAY)).isEqualTo(complete);
        }
    }

    /**
     * On {@link #DAY}: an order created, assigned, started, answered and closed (5 changes), one
     * created and escalated (2), an inspection with a passed and a failed item (whose rectification
     * order is not counted among the 7: it is created on the next day), two notebook entries.
     */
    private static void supervise(SupervisionStore s) throws Exception {
        Instant at = NOON;
        WorkOrder o = new WorkOrder(0, "complaint", "phone", OrderState.NEW, "normal", "客户投诉态度", "138-0000-0000",
                null, null, "c1", "t1", null, at.plusSeconds(86_400), 1, "boss", at, null, null);
        long id = s.addOrder(o, "").orElseThrow();
        o = s.order(id).orElseThrow();
        OrderState[] path = {OrderState.ASSIGNED, OrderState.IN_PROGRESS, OrderState.ANSWERED, OrderState.CLOSED};
        String[] actions = {"assign", "start", "answer", "close"};
        for (int i = 0; i < path.length; i++) {
            Instant stepAt = at.plusSeconds(600L * (i + 1));
            WorkOrder after = new WorkOrder(id, o.category(), o.channel(), path[i], o.priority(), o.description(),
                    o.contact(), null, null, "c1", "t1", "boss", o.deadline(), 1, o.createdBy(), o.createdAt(),
                    i >= 2 ? at.plusSeconds(1800) : null, i == 3 ? stepAt : null);
            assertThat(s.advance(after, o.state(), new OrderStep(id, stepAt, "boss", actions[i], path[i], "boss", "")))
                    .isTrue();
            o = s.order(id).orElseThrow();
        }
        long overdue = s.addOrder(new WorkOrder(0, "consultation", "counter", OrderState.NEW, "normal", "咨询", "",
                null, null, "c2", "t2", null, at.plusSeconds(3600), 1, "boss", at, null, null), "").orElseThrow();
        assertThat(s.raise(overdue + "/1/notice", overdue, EscalationLevel.NOTICE, "branch-manager",
                at.plusSeconds(3600), at.plusSeconds(3700))).isTrue();
        long checklist = s.addChecklist(new Checklist(0, "营业环境", List.of("大厅整洁", "叫号机正常"), "boss"), at);
        Instant nextDay = at.plusSeconds(86_400);
        Map<Integer, WorkOrder> rectification = Map.of(1, new WorkOrder(0, "rectification", "inspection",
                OrderState.ASSIGNED, "normal", "叫号机不亮", "", null, null, "c1", null, "boss", nextDay.plusSeconds(86_400),
                1, "boss", nextDay, null, null));
        s.addInspection(new Inspection(0, checklist, DAY, "c1", "boss", at.plusSeconds(7200), List.of(
                new Inspection.Item(0, "大厅整洁", true, "", null), new Inspection.Item(1, "叫号机正常", false, "不亮", null))),
                rectification, new java.util.HashMap<>());
        s.addNote(new CorrectionNote(0, DAY, at.minusSeconds(60), "c1", "t1", "未核对身份证", "先核对证件", "boss", at));
        s.addNote(new CorrectionNote(0, DAY, at.minusSeconds(30), "c2", "t2", "现金未唱收", "唱收唱付", "boss", at));
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
