package io.counterline.headoffice.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.headoffice.cluster.ClusterDefinitions;
import io.counterline.headoffice.cluster.ClusterDefinitions.Login;
import io.counterline.headoffice.testing.IngestProcess;
import io.counterline.headoffice.testing.Installed;
import io.counterline.headoffice.testing.PostgresServer;
import io.counterline.headoffice.testing.RabbitCluster;
import io.counterline.messaging.BusException;
import io.counterline.messaging.BusSettings;
import io.counterline.messaging.MessageBus;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.console.signage.SignageDesk;
import io.counterline.console.staff.Floor;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.supervision.SupervisionStore;
import io.counterline.protocol.Ack;
import io.counterline.protocol.ConfigDocument;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.SignageSchedule;
import io.counterline.protocol.SignageState;
import io.counterline.protocol.Topics;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import io.counterline.server.BranchServer;
import io.counterline.server.testing.ConsoleOrders;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows.CallRow;
import io.counterline.server.store.SqliteBranchStore;
import io.counterline.server.store.StoreException;
import io.counterline.server.uplink.CommittedFactsTap;
import io.counterline.server.uplink.SimulatedBranch;
import io.counterline.server.uplink.Uplink;
import io.counterline.server.uplink.UplinkSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Head office with real parts: a three-node RabbitMQ cluster (MQTT plugin, quorum queue),
 * PostgreSQL 15, ingest workers in their own JVMs, and branches sending through the branch
 * server's own {@link Uplink}. One cluster for the class (it takes ~25 s to boot), checked
 * healthy before every test so that no test inherits another's damage.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HeadOfficeIT {
    private static final String INGEST_PASSWORD = "ingest-password-0001";
    private static final MessageCodec CODEC = new MessageCodec();

    /** Kept when a test fails: the nodes' logs (under rabbit/) are what explains a failure. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static RabbitCluster cluster;
    static PostgresServer pg;
    static IngestProcess workerA;
    static IngestProcess workerB;
    private static final List<SimulatedBranch> simulated = new ArrayList<>();

    @BeforeAll
    static void startHeadOffice() throws Exception {
        Installed.require(PostgresServer.INITDB, "postgresql-15");
        Installed.require(RabbitCluster.SERVER, "rabbitmq-server");
        pg = PostgresServer.start();
        cluster = RabbitCluster.start(dir.resolve("rabbit"), 3);
        List<Login> branches = new ArrayList<>();
        for (String b : List.of(TestBranch.BRANCH, "b101", "b102", "b103", "b104", "b105", "b301", "b302", "b401", "b501",
                "b601", "b602")) {
            branches.add(login(b));
        }
        cluster.importDefinitions(ClusterDefinitions.json(new Login("ingest", INGEST_PASSWORD), branches));
        workerA = new IngestProcess(dir, "ingest-a", cluster.amqpAddresses(), "ingest", INGEST_PASSWORD,
                pg.jdbcUrl()).start();
        workerB = new IngestProcess(dir, "ingest-b", cluster.amqpAddresses(), "ingest", INGEST_PASSWORD,
                pg.jdbcUrl()).start();
    }

    /** A known-good start: every node serving, full Raft groups, both workers running. */
    @BeforeEach
    void clusterHealthyAndWorkersRunning() throws Exception {
        cluster.awaitHealthy(UplinkQueue.NAME);
        for (IngestProcess worker : List.of(workerA, workerB)) {
            if (!worker.isAlive()) {
                worker.start();
            }
        }
    }

    @AfterAll
    static void stopHeadOffice() throws Exception {
        simulated.forEach(SimulatedBranch::close);
        for (AutoCloseable c : new AutoCloseable[] {workerA, workerB, cluster, pg}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static Login login(String branch) {
        return new Login(branch, "secret-of-" + branch + "-0001");
    }

    private static SimulatedBranch uplink(String branch, int node, Clock clock) throws Exception {
        Path data = Files.createDirectories(dir.resolve("branch-" + branch));
        SqliteBranchStore store = SqliteBranchStore.open(data.resolve("branch.db"), Clock.systemUTC());
        SimulatedBranch b = new SimulatedBranch(store, Uplink.start(branch, new UplinkSettings(
                cluster.node(node).mqttUri(), login(branch).password(), 1_000_000, Duration.ofSeconds(1)), data,
                store, clock));
        simulated.add(b);
        return b;
    }

    /** The k-th fact of a test stream: a ticket step whose body says which one it is. */
    private static Uplink.Fact fact(int k) {
        ObjectNode body = CODEC.emptyBody();
        body.put("ticket", "T-" + k);
        body.put("action", "called");
        body.put("at", Instant.now().toString());
        body.put("n", k);
        return new Uplink.Fact(EventType.BRANCH_TICKET_STEP, body);
    }

    private static long count(String sql, Object... args) throws Exception {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void realBranchServer_ticketIssuedCalledCompleted_workOrderCreatedAndClosed_itsCommittedFactsInPostgresOnce()
            throws Exception {
        Path branchDir = Files.createDirectories(dir.resolve("real-branch"));
        TestBranch branch = new TestBranch(branchDir).withQueue().extra("""
                head-office { uri = "%s", secret = "%s", reconnect-max = 1s }
                console { listen = "127.0.0.1:0", heartbeat = 1s }
                """.formatted(cluster.node(1).mqttUri(), login(TestBranch.BRANCH).password()));
        try (BranchServer server = BranchServer.start(branch.config(), Clock.systemUTC());
             DeviceRuntime kiosk = TestDevices.start("kiosk-1", DeviceRole.KIOSK, branch.brokerUri(), branchDir);
             DeviceRuntime caller = TestDevices.start("caller-1", DeviceRole.COUNTER_CALLER, branch.brokerUri(),
                     branchDir)) {
            ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"));
            ok(caller, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234"));
            ok(caller, Operation.CALL_NEXT, new Bodies.None());
            ok(caller, Operation.SERVICE_COMPLETE, new Bodies.None());
            // In the branch's console (console.db, its own journal): a complaint taken by phone, dealt
            // with and closed by the branch manager, and a correction-notebook entry.
            ConsoleOrders.Taken taken = ConsoleOrders.complaintTakenAndClosed(server);
            server.console().orElseThrow().console().supervision().notebook().record(taken.boss(), "-", "t1", "c1",
                    Instant.now().minusSeconds(60), "未唱收", "唱收唱付");
            Uplink uplink = server.uplink().orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() -> uplink.waiting() == 0
                    && count("SELECT COUNT(*) FROM facts WHERE branch = ? AND type = 'branch.ticket-step'"
                    + " AND body->>'action' = 'completed'", TestBranch.BRANCH) == 1
                    && count("SELECT COUNT(*) FROM facts WHERE branch = ? AND type = 'branch.work-order'"
                    + " AND body->>'state' = 'closed'", TestBranch.BRANCH) == 1);
        }
        String b = TestBranch.BRANCH;
        assertThat(count("SELECT COUNT(DISTINCT body->>'action') FROM facts WHERE branch = ?"
                + " AND type = 'branch.ticket-step' AND body->>'action' IN ('issued', 'called', 'completed')", b))
                .isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = ? AND type = 'branch.call'"
                + " AND body->>'number' = 'A001' AND body->>'teller' = 't1'", b)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = ? AND type = 'branch.ticket'"
                + " AND body->>'number' = 'A001'", b)).isGreaterThanOrEqualTo(3); // issued, called, completed
        assertThat(count("SELECT COUNT(*) FROM refused_facts WHERE routing_key = ?", UplinkRoutes.factsKey(b)))
                .isZero();
        // Each change of the order once, in order, with its state; nothing of the customer's.
        List<String> steps = new ArrayList<>();
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement("SELECT body->>'action',"
                + " body->>'state', body->>'category' FROM facts WHERE branch = ? AND type = 'branch.work-order'"
                + " ORDER BY boot, seq")) {
            ps.setString(1, b);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        assertThat(steps).containsExactly("create new complaint", "assign assigned complaint",
                "start in-progress complaint", "answer answered complaint", "close closed complaint");
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = ? AND type = 'branch.correction'"
                + " AND body->>'procedure' = '唱收唱付'", b)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = ? AND (strpos(body::text, ?) > 0"
                + " OR strpos(body::text, ?) > 0 OR strpos(body::text, '未唱收') > 0)", b, ConsoleOrders.CONTACT,
                ConsoleOrders.DESCRIPTION)).isZero();
    }

    /**
     * Reconciliation over the cluster: the branch's counts travel as a fact, the ingest worker
     * finds the calls deleted from PostgreSQL and asks on the branch's command topic (which its
     * permissions let it read), and the branch's re-sent calls are stored once each.
     */
    @Test
    void reconciliation_callsDeletedInPostgres_branchAskedOnItsCommandTopic_restoredOnce() throws Exception {
        String b = "b501";
        SimulatedBranch branch = uplink(b, 2, Clock.systemUTC());
        BranchStore engine = CommittedFactsTap.wrap(branch.store(), facts -> branch.uplink().committed());
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        Instant at = day.atStartOfDay(ZoneOffset.UTC).plusSeconds(3600).toInstant();
        for (int i = 1; i <= 10; i++) {
            CallRow call = new CallRow(b + "-call" + i, b + "-t" + i, "A" + i, "c1", "t1", at.plusSeconds(i), 0,
                    "next");
            engine.inTransaction(() -> {
                engine.insertCall(call);
                return null;
            });
        }
        String calls = "SELECT COUNT(*) FROM facts WHERE branch = ? AND type = 'branch.call'";
        await().atMost(Duration.ofSeconds(60)).until(() -> branch.waiting() == 0 && count(calls, b) == 10);
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("DELETE FROM facts WHERE branch = 'b501' AND type = 'branch.call'"
                    + " AND body->>'id' IN ('b501-call2', 'b501-call5', 'b501-call9')")).isEqualTo(3);
        }

        branch.uplink().reconciliation().report(day);

        await().atMost(Duration.ofSeconds(60)).until(() -> count(calls, b) == 10);
        assertThat(count(calls + " AND body->>'resent' IS NOT NULL", b)).isEqualTo(3);
        assertThat(count("SELECT COUNT(DISTINCT body->>'id') FROM facts WHERE branch = ? AND type = 'branch.call'", b))
                .isEqualTo(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> branch.waiting() == 0); // all re-sent facts acknowledged
        assertThat(count(calls, b)).as("nothing twice").isEqualTo(10);
    }

    // ---------------------------------------------------------------- configuration down-link

    /** A version as the head-office console stores it; the ingest workers publish it. */
    private static void publishVersion(String branch, long version, String services, String tellers, String days)
            throws Exception {
        publishVersion(branch, version, services, tellers, days, null);
    }

    /** A version with head office's hall notices ({@code signage}: the part's JSON object; null: none). */
    private static void publishVersion(String branch, long version, String services, String tellers, String days,
                                       String signage) throws Exception {
        String doc = "{\"v\": 1, \"branch\": \"" + branch + "\", \"version\": " + version + ", \"services\": ["
                + services + "], \"tellers\": [" + tellers + "], \"calendar\": [" + days + "]"
                + (signage == null ? "" : ", \"signage\": " + signage) + "}";
        assertThat(ConfigDocument.decode(doc.getBytes(StandardCharsets.UTF_8)).isAccepted()).as(doc).isTrue();
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO branch_configs"
                + " (branch, version, document, published_by) VALUES (?, ?, ?::jsonb, 'test')")) {
            ps.setString(1, branch);
            ps.setLong(2, version);
            ps.setString(3, doc);
            ps.executeUpdate();
        }
    }

    /** Publishes on a branch's configuration topic as head office's workers do (AMQP, {@code amq.topic}). */
    private static void publishAsHeadOffice(String branch, byte[] payload) throws Exception {
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setUsername("ingest");
        f.setPassword(INGEST_PASSWORD);
        try (com.rabbitmq.client.Connection c = f.newConnection(cluster.amqpAddresses());
             com.rabbitmq.client.Channel ch = c.createChannel()) {
            ch.basicPublish("amq.topic", UplinkRoutes.configKey(branch),
                    new com.rabbitmq.client.AMQP.BasicProperties.Builder().deliveryMode(2).build(), payload);
        }
    }

    /** The playlist ids of the schedule a hall display holds from the retained state/signage (none: empty). */
    private static List<String> hallPlaylists(AtomicReference<SignageState> halls) {
        SignageState s = halls.get();
        return s == null || s.schedule() == null ? List.of()
                : s.schedule().playlists().stream().map(SignageSchedule.Playlist::id).toList();
    }

    /** Whether PostgreSQL holds this report of the branch (its newest branch.config fact). */
    private static boolean reported(String branch, long running, long pending, String waitingFor) throws Exception {
        return count("SELECT COUNT(*) FROM branch_config_reports WHERE branch = ? AND running = ? AND pending = ?"
                + " AND waiting_for = ?", branch, running, pending, waitingFor) == 1;
    }

    private static final String RENAME_A = "{\"id\": \"A\", \"name-zh\": \"个人金融\", \"name-en\": \"Retail\"}";
    private static final String ADD_C = "{\"id\": \"C\", \"name-zh\": \"外汇\", \"name-en\": \"FX\", \"add\":"
            + " {\"prefix\": \"C\", \"first\": 1, \"last\": 999, \"opens\": \"00:00\", \"closes\": \"24:00\","
            + " \"counters\": {\"c1\": 1}}}";
    private static final String NOTICES = "{\"priority\": 1, \"notices\": [{\"id\": \"fraud\", \"zh\": \"谨防电信诈骗\","
            + " \"en\": \"Beware of phone fraud\"}, {\"id\": \"holiday\", \"zh\": \"国庆节照常营业\","
            + " \"en\": \"Open on National Day\"}]}";
    private static final String DISABLE_B = "{\"id\": \"B\", \"name-zh\": \"对公业务\", \"name-en\": \"Business\","
            + " \"disabled\": true}";

    /**
     * The down-link end to end with a real branch server and console: versions stored at head
     * office travel through the cluster, are applied through the console's stores (seen in the
     * engine: a new service issues tickets, a disabled one no more; in the console: names, tellers,
     * calendar), a service change waits for the service's open tickets, the branch's reports
     * reach PostgreSQL, head office's hall notices reach the retained {@code state/signage} beside the
     * branch's approved playlist (never its unapproved draft) and go with a version without them, a
     * malformed document is refused with the reason and the branch keeps its version, and a version
     * published while the branch is off arrives after it starts again.
     */
    @Test
    void downlink_versionsAppliedAtTheirSafeMoment_reported_badOneRefused_offlineBranchCatchesUp() throws Exception {
        String b = TestBranch.BRANCH;
        Path branchDir = Files.createDirectories(dir.resolve("downlink-branch"));
        TestBranch branch = new TestBranch(branchDir).withQueue().extra("""
                console { listen = "127.0.0.1:0", heartbeat = 1s }
                head-office { uri = "%s", secret = "%s", reconnect-max = 1s }
                """.formatted(cluster.node(2).mqttUri(), login(b).password()));
        try (BranchServer server = BranchServer.start(branch.config(), Clock.systemUTC());
             DeviceRuntime kiosk = TestDevices.start("kiosk-1", DeviceRole.KIOSK, branch.brokerUri(), branchDir);
             DeviceRuntime caller = TestDevices.start("caller-1", DeviceRole.COUNTER_CALLER, branch.brokerUri(),
                     branchDir);
             DeviceRuntime hall = TestDevices.start("hall-1", DeviceRole.HALL_DISPLAY, branch.brokerUri(), branchDir)) {
            io.counterline.console.Console console = server.console().orElseThrow().console();
            AtomicReference<SignageState> halls = new AtomicReference<>();
            hall.onState(hall.topics().signage(), SignageState.class, halls::set);
            // The branch's own hall media: playlist "main" approved, then a draft edit nobody approved.
            SignageDesk desk = console.signage();
            long welcome = desk.addNotice("editor", "127.0.0.1", "欢迎光临", "Welcome");
            desk.savePlaylist("editor", "127.0.0.1", new SignageDesk.Draft("main", 0, List.of(), List.of(), null, null,
                    null, null, 8, List.of("notice:" + welcome)));
            desk.decide("approver", "127.0.0.1", desk.submit("editor", "127.0.0.1"), true);
            desk.savePlaylist("editor", "127.0.0.1", new SignageDesk.Draft("draft-only", 9, List.of(), List.of(), null,
                    null, null, null, 8, List.of("notice:" + welcome)));
            await().atMost(Duration.ofSeconds(60)).until(() -> reported(b, 0, 0, "")); // at connection

            publishVersion(b, 1, RENAME_A + "," + ADD_C, "{\"id\": \"t9\", \"name\": \"赵敏\", \"employee-no\": \"E9\"}",
                    "{\"day\": \"2026-10-01\", \"kind\": \"holiday\", \"note\": \"国庆\"}", NOTICES);

            await().atMost(Duration.ofSeconds(60)).until(() -> reported(b, 1, 0, ""));
            // What a hall display gets: the approved playlist and head office's, not the draft's.
            await().atMost(Duration.ofSeconds(20)).until(() -> hallPlaylists(halls).equals(List.of("main",
                    SignageDesk.HEAD_OFFICE)));
            SignageSchedule.Playlist fromHeadOffice = halls.get().schedule().playlists().get(1);
            assertThat(fromHeadOffice.priority()).isEqualTo(1);
            assertThat(fromHeadOffice.items()).extracting(SignageSchedule.Item::zh)
                    .containsExactly("谨防电信诈骗", "国庆节照常营业");
            assertThat(console.floor().find(Floor.Kind.SERVICE, "A").orElseThrow().nameZh()).isEqualTo("个人金融");
            assertThat(console.staff().find("t9").orElseThrow().name()).isEqualTo("赵敏");
            assertThat(console.supervision().store().calendarDays()).extracting(SupervisionStore.CalendarDay::day)
                    .containsExactly(LocalDate.of(2026, 10, 1));
            ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("C")); // the engine issues the new service
            // B waits now (B, not A: realBranchServer_… counts this branch id's A001 call)
            ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("B"));

            publishVersion(b, 2, RENAME_A + "," + DISABLE_B + "," + ADD_C,
                    "{\"id\": \"t9\", \"name\": \"赵敏敏\", \"employee-no\": \"E9\"}",
                    "{\"day\": \"2026-10-08\", \"kind\": \"workday\"}");

            // B's ticket waits: B's change waits with it; tellers, calendar and signage do not.
            await().atMost(Duration.ofSeconds(60)).until(() -> reported(b, 1, 2, "B"));
            // Version 2 has no signage part: head office's notices are gone from the halls.
            await().atMost(Duration.ofSeconds(20)).until(() -> hallPlaylists(halls).equals(List.of("main")));
            assertThat(console.staff().find("t9").orElseThrow().name()).isEqualTo("赵敏敏");
            assertThat(console.supervision().store().calendarDays()).extracting(SupervisionStore.CalendarDay::day)
                    .containsExactly(LocalDate.of(2026, 10, 8));
            assertThat(console.floor().find(Floor.Kind.SERVICE, "B").orElseThrow().disabled()).isFalse();

            ok(caller, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234"));
            // C001 and B001, in the engine's order, closed as no-shows: a completion of this branch
            // id would count in realBranchServer_…'s "one completed" (the order of tests is not fixed).
            for (int closed = 0; closed < 2; closed++) {
                ok(caller, Operation.CALL_NEXT, new Bodies.None());
                ok(caller, Operation.TICKET_NO_SHOW, new Bodies.None());
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> reported(b, 2, 0, ""));
            assertThat(console.floor().find(Floor.Kind.SERVICE, "B").orElseThrow().disabled()).isTrue();
            Response refused = kiosk.requests().send(UUID.randomUUID().toString(), Operation.TICKET_ISSUE,
                    new Bodies.IssueTicket("B"), Duration.ofSeconds(3)).get(10, TimeUnit.SECONDS);
            assertThat(refused.ok()).as("a disabled service issues no tickets").isFalse();
            try (ConsoleStore audit = ConsoleStore.open(branch.config().console().orElseThrow().database())) {
                assertThat(audit.auditEntries(500, Optional.empty()).stream()
                        .filter(e -> e.actor().equals("head-office")).map(ConsoleStore.AuditEntry::action)).contains("service.rename", "service.add", "service.disable", "teller.add",
                        "calendar.set", "calendar.remove", "config.applied", "signage.head-office");
            }

            // Malformed (a key this branch does not know): refused, reported, version 2 kept.
            publishAsHeadOffice(b, ("{\"v\": 1, \"branch\": \"" + b + "\", \"version\": 3, \"media\": []}")
                    .getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM branch_config_reports"
                    + " WHERE branch = ? AND running = 2 AND refused = 3 AND reason LIKE '%unknown key ''media''%'",
                    b) == 1);
            assertThat(console.floor().find(Floor.Kind.SERVICE, "B").orElseThrow().disabled()).isTrue();
        }

        // Off: version 4 is published to nobody (the branch's MQTT session is clean, no queue keeps it).
        publishVersion(b, 4, "", "{\"id\": \"t10\", \"name\": \"钱多\", \"employee-no\": \"E10\"}", "");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM branch_configs"
                + " WHERE branch = ? AND version = 4 AND sent_at IS NOT NULL", b) == 1);
        try (BranchServer server = BranchServer.start(branch.config(), Clock.systemUTC())) {
            // Its report at connection says 2; the worker publishes 4 again.
            await().atMost(Duration.ofSeconds(60)).until(() -> reported(b, 4, 0, ""));
            assertThat(server.console().orElseThrow().console().staff().find("t10")).isPresent();
        }
    }

    /** A branch may read only its own configuration topic and publish on none. */
    @Test
    void downlink_branchReadsOnlyItsOwnConfiguration_andCannotPublishOne() throws Exception {
        Topics b601 = Topics.of("b601");
        byte[] doc = "{\"v\": 1, \"branch\": \"b601\", \"version\": 1}".getBytes(StandardCharsets.UTF_8);
        List<byte[]> own = new CopyOnWriteArrayList<>();
        List<byte[]> spied = new CopyOnWriteArrayList<>();
        try (PahoMessageBus b601bus = bus("b601", 1); PahoMessageBus b602bus = bus("b602", 2)) {
            b601bus.subscribe(b601.uplinkConfig(), (t, p) -> own.add(p));
            b602bus.subscribe(b601.uplinkConfig(), (t, p) -> spied.add(p));
            b601bus.start();
            b602bus.start();
            await().atMost(Duration.ofSeconds(20)).until(b601bus::isConnected);
            await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.logLines("refused for user 'b602'").isEmpty());

            publishAsHeadOffice("b601", doc);

            await().atMost(Duration.ofSeconds(30)).until(() -> own.size() == 1);
            assertThat(spied).as("b602 reads nothing of b601's").isEmpty();
        }
        assertThat(cluster.logLines("refused for user 'b602'"))
                .anyMatch(l -> l.contains("cl.v1.b601.dev.uplink.cfg"));
        // A forged configuration: another branch's, or a branch's own, is refused by the broker.
        assertRefusedByBroker(b601, "b602", b601.uplinkConfig(), doc);
        assertRefusedByBroker(b601, "b601", b601.uplinkConfig(), doc);
    }

    /** Asks as a device does: again with the same id when the answer does not come. */
    private static void ok(DeviceRuntime device, Operation op, Object args) throws Exception {
        String id = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            await().atMost(Duration.ofSeconds(20)).until(device::isConnected);
            try {
                Response r = device.requests().send(id, op, args, Duration.ofSeconds(3)).get(10, TimeUnit.SECONDS);
                assertThat(r.ok()).as("%s → %s", op, r.error()).isTrue();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Test
    void fiveBranchesStreaming_oneNodeAndOneWorkerKilledThenRestarted_everyFactInPostgresExactlyOnce() throws Exception {
        List<String> branches = List.of("b101", "b102", "b103", "b104", "b105");
        int perBranch = 2000;
        List<SimulatedBranch> links = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            links.add(uplink(branches.get(i), 1 + i % 3, Clock.systemUTC()));
        }
        CountDownLatch killed = new CountDownLatch(1);
        AtomicBoolean streamFailed = new AtomicBoolean();
        Thread streamer = new Thread(() -> {
            try {
                // Each branch commits its facts in batches, as the engine does, interleaved.
                for (int k = 1; k <= perBranch; k += 20) {
                    for (SimulatedBranch u : links) {
                        List<Uplink.Fact> batch = new ArrayList<>();
                        for (int j = k; j < k + 20 && j <= perBranch; j++) {
                            batch.add(fact(j));
                        }
                        u.commit(batch);
                    }
                    if (k == perBranch / 2 + 1) {
                        killed.await(); // the second half streams while a node and a worker are dead
                    }
                    Thread.sleep(2); // a steady stream over a few seconds, not one burst
                }
            } catch (InterruptedException | StoreException e) {
                streamFailed.set(true);
            }
        }, "five-branches");
        streamer.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM facts WHERE branch LIKE 'b10%'")
                >= 1000);
        cluster.kill(2);
        workerA.kill();
        killed.countDown();
        streamer.join(60_000);
        assertThat(streamFailed).isFalse();
        // Work goes on without them: the branches on nodes 1 and 3 get every fact, the second half
        // included, acknowledged after its commit (the branches on node 2 wait for it). Not "the
        // count grows": batched, the live branches' second half may be stored before it is read.
        List<SimulatedBranch> onLiveNodes = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            if (1 + i % 3 != 2) {
                onLiveNodes.add(links.get(i));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> onLiveNodes.stream().allMatch(u -> u.waiting() == 0));
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch IN ('b101', 'b103', 'b104')")).isEqualTo(3L * perBranch);
        cluster.restart(2, UplinkQueue.NAME); // returns once node 2 serves MQTT again, full groups
        workerA.start();

        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                .until(() -> links.stream().allMatch(u -> u.waiting() == 0));
        for (String b : branches) {
            assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = ?", b)).as(b).isEqualTo(perBranch);
            assertThat(count("SELECT COUNT(DISTINCT (boot, seq)) FROM facts WHERE branch = ?", b)).as(b)
                    .isEqualTo(perBranch);
            assertThat(count("SELECT COUNT(DISTINCT (body->>'n')) FROM facts WHERE branch = ?", b)).as(b)
                    .isEqualTo(perBranch);
        }
    }

    @Test
    void branchOfflineForADay_thousandsOfFacts_caughtUpInOrderNothingTwice() throws Exception {
        String branch = "b201"; // not yet allowed in: the cluster refuses it like a dead WAN would
        // The branch's day passes as it commits: every fact is 17 s after the one before.
        Clock clock = new DayOfFacts(Instant.now().minus(Duration.ofDays(1)), Duration.ofSeconds(17));
        SimulatedBranch u = uplink(branch, 3, clock);
        int facts = 5000;
        for (int k = 1; k <= facts; k += 50) {
            List<Uplink.Fact> batch = new ArrayList<>();
            for (int j = k; j < k + 50; j++) {
                batch.add(fact(j));
            }
            u.commit(batch);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> u.waiting() == facts && !u.connected());
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = ?", branch)).isZero();

        cluster.importDefinitions(ClusterDefinitions.json(new Login("ingest", INGEST_PASSWORD), List.of(login(branch))));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> u.waiting() == 0);

        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = ?", branch)).isEqualTo(facts);
        assertThat(count("SELECT COUNT(DISTINCT seq) FROM facts WHERE branch = ?", branch)).isEqualTo(facts);
        // In order: sequence order is commit order (fact n has sequence n) and time never goes back.
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = ? AND (body->>'n')::bigint <> seq", branch))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM (SELECT at < LAG(at) OVER (ORDER BY seq) AS back FROM facts"
                + " WHERE branch = ?) t WHERE back", branch)).isZero();
        assertThat(count("SELECT CASE WHEN MAX(at) - MIN(at) > interval '23 hours' THEN 1 ELSE 0 END"
                + " FROM facts WHERE branch = ?", branch)).as("the facts span the simulated day").isEqualTo(1);
    }

    @Test
    void postgresKilledWhileABranchStreams_workersRetry_everyFactOnceAfterItsRestart() throws Exception {
        String branch = "b401";
        SimulatedBranch u = uplink(branch, 1, Clock.systemUTC());
        List<Uplink.Fact> first = new ArrayList<>();
        for (int k = 1; k <= 500; k++) {
            first.add(fact(k));
        }
        u.commit(first);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM facts WHERE branch = ?",
                branch) > 0);
        pg.kill();
        List<Uplink.Fact> second = new ArrayList<>();
        for (int k = 501; k <= 1000; k++) {
            second.add(fact(k));
        }
        u.commit(second);
        // Nothing committed, nothing acknowledged: the branch keeps what PostgreSQL has not got.
        await().atMost(Duration.ofSeconds(30)).until(() -> u.waiting() >= 500);
        pg.restart();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> u.waiting() == 0);
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = ?", branch)).isEqualTo(1000);
        assertThat(count("SELECT COUNT(DISTINCT seq) FROM facts WHERE branch = ?", branch)).isEqualTo(1000);
    }

    @Test
    void foreignTopicForgedAckMalformedFact_refusedAndCounted_ingestKeepsGoing() throws Exception {
        Topics own = Topics.of("b301");
        Topics other = Topics.of("b302");
        long refusedBefore = count("SELECT COUNT(*) FROM refused_facts");

        // b302 listens for its acknowledgements, as its uplink does.
        List<Ack> b302Acks = new CopyOnWriteArrayList<>();
        try (PahoMessageBus b302 = bus("b302", 1)) {
            b302.subscribe(other.acks(Topics.UPLINK),
                    (t, p) -> b302Acks.add(CODEC.decode(p, Ack.class, Topics.UPLINK).orThrow()));
            b302.start();
            await().atMost(Duration.ofSeconds(20)).until(b302::isConnected);

            // b301 writes to b302's fact topic, then forges an ack for b302: the broker refuses
            // each and closes b301's connection.
            assertRefusedByBroker(own, "b301", other.events(Topics.UPLINK),
                    CODEC.encode(envelope(EventType.BRANCH_CALL, 1)));
            assertRefusedByBroker(own, "b301", other.acks(Topics.UPLINK),
                    CODEC.encode(Ack.of(Topics.UPLINK, 1, List.of(424242L))));

            // Malformed facts on b301's own topic: not JSON, a device event, a wrong time, no fields.
            List<Ack> b301Acks = new CopyOnWriteArrayList<>();
            try (PahoMessageBus b301 = bus("b301", 2)) {
                b301.subscribe(own.acks(Topics.UPLINK),
                        (t, p) -> b301Acks.add(CODEC.decode(p, Ack.class, Topics.UPLINK).orThrow()));
                b301.start();
                await().atMost(Duration.ofSeconds(20)).until(b301::isConnected);
                String topic = own.events(Topics.UPLINK);
                b301.publish(topic, "{not json".getBytes(StandardCharsets.UTF_8), false);
                b301.publish(topic, CODEC.encode(envelope(EventType.SLIP_PRINTED, 1)), false);
                EventEnvelope future = new EventEnvelope(MessageCodec.VERSION, UUID.randomUUID().toString(), 2,
                        Topics.UPLINK, EventType.BRANCH_CALL, Instant.now().plus(Duration.ofDays(400)), 1,
                        CODEC.emptyBody());
                b301.publish(topic, CODEC.encode(future), false);
                EventEnvelope hollow = new EventEnvelope(MessageCodec.VERSION, UUID.randomUUID().toString(), 3,
                        Topics.UPLINK, EventType.BRANCH_CALL, Instant.now(), 1, CODEC.emptyBody());
                b301.publish(topic, CODEC.encode(hollow), false);
                // A work order in a state no branch has (supervision facts pass the same door).
                ObjectNode order = CODEC.emptyBody();
                order.put("order", "1").put("step", "1").put("action", "create").put("at", Instant.now().toString())
                        .put("category", "complaint").put("state", "lost").put("deadline", Instant.now().toString())
                        .put("createdAt", Instant.now().toString()).put("round", 1);
                b301.publish(topic, CODEC.encode(new EventEnvelope(MessageCodec.VERSION, UUID.randomUUID().toString(),
                        4, Topics.UPLINK, EventType.BRANCH_WORK_ORDER, Instant.now(), 1, order)), false);
                // Refused but readable: acknowledged all the same, or the branch would send them forever.
                await().atMost(Duration.ofSeconds(30)).until(() -> b301Acks.stream()
                        .flatMap(a -> a.seqs().stream()).toList().containsAll(List.of(1L, 2L, 3L, 4L)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM refused_facts")
                    >= refusedBefore + 5);

            // b302's own genuine fact is stored and acknowledged: the ingest went on.
            b302.publish(other.events(Topics.UPLINK), CODEC.encode(envelope(EventType.BRANCH_CALL, 7)), false);
            await().atMost(Duration.ofSeconds(60)).until(() -> b302Acks.stream().anyMatch(a -> a.seqs().contains(7L)));
        }
        assertThat(count("SELECT COUNT(*) FROM refused_facts")).isEqualTo(refusedBefore + 5);
        assertThat(count("SELECT COUNT(*) FROM refused_facts WHERE reason LIKE 'branch.work-order has an unknown ''state''%'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'b302'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM facts WHERE branch = 'b301'")).isZero();
        assertThat(b302Acks).noneMatch(a -> a.seqs().contains(424242L));
        // The broker's own count of the refusals: one logged line each, naming topic and user.
        assertThat(cluster.logLines("refused for user 'b301'")).hasSize(2)
                .anyMatch(l -> l.contains("access to topic 'cl.v1.b302.dev.uplink.evt'"))
                .anyMatch(l -> l.contains("access to topic 'cl.v1.b302.dev.uplink.ack'"));
    }

    /** A clock that moves on by {@code step} each time it is read: a branch's day compressed. */
    private static final class DayOfFacts extends Clock {
        private final java.util.concurrent.atomic.AtomicReference<Instant> now;
        private final Duration step;

        DayOfFacts(Instant start, Duration step) {
            this.now = new java.util.concurrent.atomic.AtomicReference<>(start);
            this.step = step;
        }

        @Override
        public Instant instant() {
            return now.getAndUpdate(t -> t.plus(step));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A call fact as a branch would send it (the fields a call needs). */
    private static EventEnvelope envelope(EventType type, long seq) {
        ObjectNode call = CODEC.emptyBody();
        call.put("id", "call-" + seq).put("ticket", "t-" + seq).put("number", "A00" + seq).put("counter", "c1")
                .put("at", Instant.now().toString());
        return new EventEnvelope(MessageCodec.VERSION, UUID.randomUUID().toString(), seq, Topics.UPLINK, type,
                Instant.now(), 1, call);
    }

    private static PahoMessageBus bus(String branch, int node) {
        return new PahoMessageBus(BusSettings.of(cluster.node(node).mqttUri(), branch, login(branch).password()),
                Optional.empty());
    }

    /** Publishes as {@code branch} where it may not and waits for the broker to close the connection. */
    private static void assertRefusedByBroker(Topics own, String branch, String topic, byte[] payload)
            throws Exception {
        CountDownLatch dropped = new CountDownLatch(1);
        try (PahoMessageBus b = bus(branch, 3)) {
            b.addConnectionListener(new MessageBus.ConnectionListener() {
                @Override
                public void connected() {
                }

                @Override
                public void disconnected(String reason) {
                    dropped.countDown();
                }
            });
            b.start();
            await().atMost(Duration.ofSeconds(20)).until(b::isConnected);
            try {
                b.publish(topic, payload, false);
            } catch (BusException e) {
                dropped.countDown(); // refused before it left: just as good
            }
            assertThat(dropped.await(20, TimeUnit.SECONDS)).as("broker closes %s after a publish to %s", branch, topic)
                    .isTrue();
        }
    }
}
