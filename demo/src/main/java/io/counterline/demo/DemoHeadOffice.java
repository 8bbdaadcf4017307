package io.counterline.demo;

import com.typesafe.config.ConfigFactory;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.Sessions;
import io.counterline.headoffice.cluster.ClusterDefinitions;
import io.counterline.headoffice.cluster.ClusterDefinitions.Login;
import io.counterline.headoffice.console.HeadOfficeConsole;
import io.counterline.headoffice.console.SampleNetwork;
import io.counterline.headoffice.store.FactStore;
import io.counterline.headoffice.testing.IngestProcess;
import io.counterline.headoffice.testing.PostgresServer;
import io.counterline.headoffice.testing.RabbitCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's head office ({@code demo --head-office}): PostgreSQL 15 and a three-node RabbitMQ
 * cluster from Debian's packages on free loopback ports, two ingest workers in their own JVMs and
 * the head-office console, holding a year of figures of {@link #SIBLINGS} other branches (made in
 * SQL, as the console benchmark makes them) and the demo branch's own history. The demo branch
 * uplinks to it as a real branch does, so its live status, today's figures and the down-link of
 * configuration are the real paths. Everything lives in a temporary folder removed on close.
 */
public final class DemoHeadOffice implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoHeadOffice.class);
    static final int SIBLINGS = 20;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Opened open = new Opened(log);
    private final Path dir;
    private final String branch;
    private final String branchSecret = Sessions.randomToken();
    private PostgresServer pg;
    private RabbitCluster cluster;
    private HeadOfficeConsole console;

    private DemoHeadOffice(Path dir, String branch) {
        this.dir = dir;
        this.branch = branch;
    }

    /**
     * Starts head office for the demo branch {@code branch} (its id in the branch file), the
     * console on {@code consolePort} of 127.0.0.1 (0: any free port). Takes 30–90 s: the nodes
     * boot one after the other.
     *
     * @throws IllegalStateException naming the Debian package when rabbitmq-server or
     *                               postgresql-15 is missing
     */
    public static DemoHeadOffice start(String branch, int consolePort) throws Exception {
        DemoHeadOffice hq = new DemoHeadOffice(Files.createTempDirectory("counterline-demo-hq-"), branch);
        try {
            hq.startAll(consolePort);
            return hq;
        } catch (Exception | Error e) {
            hq.close();
            throw e;
        }
    }

    private void startAll(int consolePort) throws Exception {
        pg = open.keep(PostgresServer.start());
        FactStore.open(pg.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD).close();
        LocalDate today = LocalDate.now(ZONE);
        try (Connection db = pg.connect()) {
            SampleNetwork.generate(db, SIBLINGS, today.minusDays(365), today.minusDays(1), today.minusDays(1), 80);
            copyHistory(db, "b0001", branch);
        }
        log.info("head office: PostgreSQL on {} with a year of {} branches; starting 3 RabbitMQ nodes", pg.jdbcUrl(),
                SIBLINGS + 1);
        cluster = open.keep(RabbitCluster.start(dir.resolve("rabbit"), 3));
        String ingestPassword = Sessions.randomToken();
        cluster.importDefinitions(ClusterDefinitions.json(new Login("ingest", ingestPassword),
                List.of(new Login(branch, branchSecret))));
        for (int w = 1; w <= 2; w++) {
            open.keep(new IngestProcess(dir, "ingest-" + w, cluster.amqpAddresses(), "ingest", ingestPassword, pg.jdbcUrl())
                    .start());
        }
        console = open.keep(HeadOfficeConsole.start(HeadOfficeConsole.Settings.from(ConfigFactory.parseString("""
                head-office-console { jdbc-url = "%s", db-user = "%s", db-password = "%s", data = "%s",
                  name = "总行 Head office (demo)", online-window = 2m, rollup-every = 10s }
                console.listen = "127.0.0.1:%d"
                """.formatted(pg.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD, dir.resolve("console"),
                consolePort)).resolve()), Clock.systemUTC()));
    }

    /**
     * The demo branch joins the network as a medium branch of region r01 with {@code from}'s
     * history (its rollup rows and last raw day, tellers renamed), so comparisons with last year and
     * with its siblings have something to compare from the first minute; today is its own.
     */
    private static void copyHistory(Connection db, String from, String to) throws Exception {
        exec(db, "INSERT INTO branches (branch, name, region, size_group) VALUES (?, '演示网点 Demo branch', 'r01', 'medium')"
                + " ON CONFLICT DO NOTHING", to);
        exec(db, "INSERT INTO targets (branch, month, measure, value, set_by) SELECT ?, month, measure, value, set_by"
                + " FROM targets WHERE branch = ? ON CONFLICT DO NOTHING", to, from);
        exec(db, "INSERT INTO branch_day (day, branch, issued, served, wait_sum_s, wait_n, good, rated) SELECT day, ?,"
                + " issued, served, wait_sum_s, wait_n, good, rated FROM branch_day WHERE branch = ? ON CONFLICT DO NOTHING",
                to, from);
        exec(db, "INSERT INTO teller_day (day, branch, teller, served, good, rated) SELECT day, ?, replace(teller, ?, ?),"
                + " served, good, rated FROM teller_day WHERE branch = ? ON CONFLICT DO NOTHING", to, from, to, from);
        exec(db, "INSERT INTO facts (branch, boot, seq, id, type, at, body) SELECT ?, boot, seq, md5(id || ?), type, at,"
                + " replace(body::text, ?, ?)::jsonb FROM facts WHERE branch = ? ON CONFLICT DO NOTHING",
                to, to, from, to, from);
    }

    private static void exec(Connection db, String sql, String... args) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    /** The branch file's {@code head-office} block that uplinks the demo branch to this head office. */
    public String branchBlock() {
        return "head-office { uri = \"" + cluster.node(1).mqttUri() + "\", secret = \"" + branchSecret
                + "\", reconnect-max = 5s }";
    }

    /**
     * The head-office console's demo account: user "hq" (admin of the whole network) with a new
     * random password on every run.
     *
     * @return the line to print: {@code head office: URL (user hq / password ...)}
     */
    public String consoleDemoAccount() throws Exception {
        String password = Sessions.randomToken().substring(0, 16);
        console.console().users().add("demo", "local", "hq", "总行管理员 HQ admin", Role.ADMIN, Scope.BRANCH,
                Optional.empty(), "zh", password).join();
        return "head office: " + console.url() + " (user hq / password " + password + ")";
    }

    public HeadOfficeConsole console() {
        return console;
    }

    /** Head office's PostgreSQL (user and password {@link PostgresServer#USER}, {@link PostgresServer#PASSWORD}). */
    public String jdbcUrl() {
        return pg.jdbcUrl();
    }

    @Override
    public void close() {
        open.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            log.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }
}
