package io.counterline.headoffice.console;

import com.typesafe.config.Config;
import io.counterline.console.BranchDirectory;
import io.counterline.console.Console;
import io.counterline.console.ConsoleSettings;
import io.counterline.console.report.BranchHistory;
import io.counterline.console.report.RatingFact;
import io.counterline.console.report.TicketFact;
import io.counterline.headoffice.store.FactStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch console in head-office mode: the same web app (sign-in, roles and scopes, CSRF,
 * audit, exports) with the network pages ({@link HeadOfficeRoutes}) over PostgreSQL, and the
 * rollup kept fresh every {@code rollup-every}. Its own users, sessions and audit log are in the
 * console's SQLite file in {@code data}, as at a branch. Configuration ({@code hq-console.conf}):
 * <pre>
 * head-office-console {
 *   jdbc-url = "jdbc:postgresql://10.0.0.20:5432/headoffice"
 *   db-user = counterline
 *   db-password = "…"
 *   name = "总行"            # shown in every page's header
 *   zone = "Asia/Shanghai"   # business days and "today"
 *   data = "hq-console"      # the console's own SQLite file and folders
 *   online-window = 15m      # a branch with a fact in this window is online
 *   rollup-every = 1m
 *   pool = 8                 # PostgreSQL connections
 * }
 * console { listen = "127.0.0.1:8443", https.keystore = …, pdf-font = … }   # as at a branch
 * </pre>
 */
public final class HeadOfficeConsole implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HeadOfficeConsole.class);

    private final NetworkStore store;
    private final Console console;
    private final Rollup rollup;
    private final ScheduledExecutorService scheduler;

    private HeadOfficeConsole(NetworkStore store, Console console, Rollup rollup, ScheduledExecutorService scheduler) {
        this.store = store;
        this.console = console;
        this.rollup = rollup;
        this.scheduler = scheduler;
    }

    /** The settings the file gives. */
    public record Settings(String jdbcUrl, String user, String password, String name, ZoneId zone, Path data,
                           Duration onlineWindow, Duration rollupEvery, int pool, int rolloverHour,
                           ConsoleSettings console) {

        /** @throws IllegalArgumentException naming the missing or bad key */
        public static Settings from(Config c) {
            try {
                Config h = c.getConfig("head-office-console");
                Path data = Path.of(h.hasPath("data") ? h.getString("data") : "hq-console");
                ConsoleSettings console = ConsoleSettings.from(c, data).orElseThrow(() ->
                        new IllegalArgumentException("console.listen is missing (e.g. \"127.0.0.1:8443\")"));
                int pool = h.hasPath("pool") ? h.getInt("pool") : 8;
                if (pool < 1 || pool > 64) {
                    throw new IllegalArgumentException("head-office-console.pool must be 1..64");
                }
                // The branches' queue.rollover-hour (docs/queue-policy.md), 3 as theirs by default.
                int rolloverHour = h.hasPath("rollover-hour") ? h.getInt("rollover-hour") : 3;
                if (rolloverHour < 0 || rolloverHour > 23) {
                    throw new IllegalArgumentException("head-office-console.rollover-hour must be 0..23");
                }
                return new Settings(h.getString("jdbc-url"), h.getString("db-user"), h.getString("db-password"),
                        h.hasPath("name") ? h.getString("name") : "总行 Head office",
                        ZoneId.of(h.hasPath("zone") ? h.getString("zone") : "Asia/Shanghai"), data,
                        h.hasPath("online-window") ? h.getDuration("online-window") : Duration.ofMinutes(15),
                        h.hasPath("rollup-every") ? h.getDuration("rollup-every") : Duration.ofMinutes(1), pool,
                        rolloverHour, console);
            } catch (com.typesafe.config.ConfigException | java.time.DateTimeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    public static HeadOfficeConsole start(Settings s, Clock clock) throws Exception {
        FactStore.open(s.jdbcUrl(), s.user(), s.password()).close(); // brings the schema up to date
        java.nio.file.Files.createDirectories(s.data());
        NetworkStore store = new NetworkStore(s.jdbcUrl(), s.user(), s.password(), s.pool());
        ScheduledExecutorService scheduler = null;
        try {
            SpringFestival calendar = new SpringFestival(store.springFestival());
            BranchDirectory self = new BranchDirectory("head-office", s.name(), s.zone(), List.of(), List.of(), List.of(),
                    s.rolloverHour());
            Console console = Console.start(s.console(), self, Map.of(), List.of(), Map.of(), List.of(), NO_TICKETS,
                    io.counterline.console.recording.RecordingHost.NONE, clock,
                    List.of(audit -> new HeadOfficeRoutes(store, calendar, audit, clock, s.zone(), s.name(),
                            s.onlineWindow(), s.rolloverHour())));
            Rollup rollup = new Rollup(store);
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hq-rollup");
                t.setDaemon(true);
                return t;
            });
            long every = s.rollupEvery().toMillis();
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    rollup.refresh();
                } catch (Exception e) {
                    log.warn("rollup pass failed (tried again in {} ms): {}", every, e.toString());
                }
            }, 0, every, TimeUnit.MILLISECONDS);
            return new HeadOfficeConsole(store, console, rollup, scheduler);
        } catch (Exception | Error e) {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            store.close();
            throw e;
        }
    }

    /** Head office serves no customers itself: its own monitor and reports are empty. */
    private static final BranchHistory NO_TICKETS = new BranchHistory() {
        @Override
        public List<TicketFact> tickets(LocalDate from, LocalDate to) {
            return List.of();
        }

        @Override
        public List<RatingFact> ratings(LocalDate from, LocalDate to) {
            return List.of();
        }

        @Override
        public Optional<RatingFact> rating(String ticket) {
            return Optional.empty();
        }
    };

    public Console console() {
        return console;
    }

    public Rollup rollup() {
        return rollup;
    }

    public NetworkStore store() {
        return store;
    }

    public String url() {
        return console.url();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        console.close();
        store.close();
    }
}
