package io.counterline.console;

import io.counterline.console.audit.AuditLog;
import io.counterline.console.downlink.HeadOfficeConfig;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Passwords;
import io.counterline.console.fleet.Fleet;
import io.counterline.console.fleet.FleetPage;
import io.counterline.console.monitor.MonitorFeed;
import io.counterline.console.recording.RecordingHost;
import io.counterline.console.recording.Recordings;
import io.counterline.console.report.BranchHistory;
import io.counterline.console.signage.MediaLibrary;
import io.counterline.console.signage.MediaUrl;
import io.counterline.console.signage.Signage;
import io.counterline.console.signage.ProofOfPlay;
import io.counterline.console.signage.SignageDesk;
import io.counterline.console.staff.Floor;
import io.counterline.console.staff.Staff;
import io.counterline.console.staff.TellerPhotos;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.supervision.Supervision;
import io.counterline.console.web.ConsoleRoutes;
import io.counterline.console.web.ConsoleServer;
import io.counterline.protocol.Bodies.TellerPhoto;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console as a host (the branch server) starts it: its own store, the live monitor's
 * feed (which the host feeds with committed state), and the HTTP server. Closed in reverse.
 */
public final class Console implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Console.class);

    private final ConsoleStore store;
    private final Passwords passwords;
    private final MonitorFeed feed;
    private final ConsoleServer server;
    private final ConsoleUsers users;
    private final Staff staff;
    private final Floor floor;
    private final Supervision supervision;
    private final SignageDesk signage;
    private final ProofOfPlay plays;
    private final Recordings recordings;
    private final TellerPhotos photos;
    private final Fleet fleet;
    private final HeadOfficeConfig headOfficeConfig;

    private Console(ConsoleStore store, Passwords passwords, MonitorFeed feed, ConsoleServer server, ConsoleUsers users,
                    Staff staff, Floor floor, Supervision supervision, SignageDesk signage, ProofOfPlay plays,
                    Recordings recordings, TellerPhotos photos, Fleet fleet, HeadOfficeConfig headOfficeConfig) {
        this.headOfficeConfig = headOfficeConfig;
        this.recordings = recordings;
        this.photos = photos;
        this.fleet = fleet;
        this.signage = signage;
        this.plays = plays;
        this.store = store;
        this.passwords = passwords;
        this.feed = feed;
        this.server = server;
        this.users = users;
        this.staff = staff;
        this.floor = floor;
        this.supervision = supervision;
    }

    public static Console start(ConsoleSettings settings, BranchDirectory directory, BranchHistory history, Clock clock)
            throws SQLException {
        List<Floor.Place> floorSeed = new ArrayList<>();
        directory.services().forEach(n -> floorSeed.add(new Floor.Place(Floor.Kind.SERVICE, n.id(), n.name(), n.name(),
                false, false)));
        directory.counters().forEach(n -> floorSeed.add(new Floor.Place(Floor.Kind.COUNTER, n.id(), n.name(), n.name(),
                false, false)));
        return start(settings, directory, Map.of(), floorSeed, history, clock);
    }

    /**
     * @param employeeNos the branch file's tellers' employee numbers, by teller id (the seed of the
     *                    console's teller list)
     * @param floorSeed   the branch file's services and counters with both names (the seed of the
     *                    console's lists)
     */
    public static Console start(ConsoleSettings settings, BranchDirectory directory, Map<String, String> employeeNos,
                                List<Floor.Place> floorSeed, BranchHistory history, Clock clock) throws SQLException {
        return start(settings, directory, employeeNos, floorSeed, Map.of(), List.of(), history, clock);
    }

    /**
     * @param servicePrefixes the branch file's services' number prefixes, by service id (a service
     *                        added in the console may not reuse one)
     * @param hallDisplays    the branch's hall display ids (whose proof of play the hall media page shows)
     */
    public static Console start(ConsoleSettings settings, BranchDirectory directory, Map<String, String> employeeNos,
                                List<Floor.Place> floorSeed, Map<String, String> servicePrefixes,
                                List<String> hallDisplays, BranchHistory history, Clock clock) throws SQLException {
        return start(settings, directory, employeeNos, floorSeed, servicePrefixes, hallDisplays, history,
                RecordingHost.NONE, clock);
    }

    /**
     * @param recordingHost who the counter callers are (their uploads and live audio) and how to
     *                      tell one to send live audio (docs/recording.md)
     */
    public static Console start(ConsoleSettings settings, BranchDirectory directory, Map<String, String> employeeNos,
                                List<Floor.Place> floorSeed, Map<String, String> servicePrefixes,
                                List<String> hallDisplays, BranchHistory history, RecordingHost recordingHost,
                                Clock clock) throws SQLException {
        return start(settings, directory, employeeNos, floorSeed, servicePrefixes, hallDisplays, history,
                recordingHost, clock, List.of());
    }

    /**
     * @param features routes the host adds, made with the console's audit log (head office: its network
     *                 pages, docs/head-office.md)
     */
    public static Console start(ConsoleSettings settings, BranchDirectory directory, Map<String, String> employeeNos,
                                List<Floor.Place> floorSeed, Map<String, String> servicePrefixes,
                                List<String> hallDisplays, BranchHistory history, RecordingHost recordingHost,
                                Clock clock, List<java.util.function.Function<AuditLog, ConsoleRoutes>> features)
            throws SQLException {
        ConsoleStore store = ConsoleStore.open(settings.database());
        Passwords passwords = new Passwords();
        MonitorFeed feed = null;
        Supervision supervision = null;
        ProofOfPlay plays = null;
        Recordings recordings = null;
        try {
            AuditLog audit = new AuditLog(store, clock);
            plays = ProofOfPlay.open(settings.database().resolveSibling("branch.db"));
            MediaUrl mediaUrl = new MediaUrl();
            SignageDesk desk = new SignageDesk(store, new MediaLibrary(store, audit, clock,
                    settings.database().resolveSibling("media")), audit, clock, mediaUrl::get, directory.zone().getId());
            Staff staff = new Staff(store, passwords, audit, clock, directory, employeeNos);
            Floor floor = new Floor(store, audit, clock, floorSeed, servicePrefixes);
            feed = new MonitorFeed(() -> floor.named(staff.directory()), history, clock, settings.heartbeat());
            ConsoleUsers users = new ConsoleUsers(store, passwords, audit, staff::directory, clock);
            supervision = Supervision.start(settings.database(), store, audit, staff::directory, clock);
            feed.onRating(supervision::rated);
            Supervision orders = supervision;
            recordings = Recordings.start(settings.database(), audit, recordingHost, () -> floor.named(staff.directory()),
                    (user, order) -> {
                        try {
                            return Optional.ofNullable(orders.orders().get(user, order).ticket());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e.getMessage(), e);
                        }
                    }, (ticket, counter) -> stillAtCounter(history, directory.zone(), ticket, counter), clock);
            feed.onRating(recordings::rated);
            Supervision notices = supervision;
            MonitorFeed monitor = feed;
            supervision.onNotice((n, o, to) -> monitor.notice(o.counter(), notices.monitorView(n, o, to)));
            TellerPhotos photos = new TellerPhotos(store, audit, clock,
                    settings.database().toAbsolutePath().getParent().resolve("teller-photos"));
            Fleet fleet = new Fleet();
            // The devices of counters added here are the branch's too (the devices page lists them).
            floor.whenCounterAdded(c -> {
                fleet.register(c.caller(), io.counterline.protocol.DeviceRole.COUNTER_CALLER, Optional.of(c.id()));
                fleet.register(c.pad(), io.counterline.protocol.DeviceRole.RATING_PAD, Optional.of(c.id()));
            });
            FleetPage devices = new FleetPage(fleet, audit, () -> floor.named(staff.directory()), clock);
            ConsoleServer server = new ConsoleServer(settings, staff, floor, photos, store, passwords, audit, users,
                    history, feed, clock, new Signage(desk, plays, hallDisplays),
                    routes(features, audit, features(supervision, recordings, devices))).start();
            mediaUrl.set(settings.mediaUrl().orElse(server.url() + "media/"));
            if (!store.hasUsers()) {
                log.warn("console has no users yet: create the first admin with"
                        + " 'branch-server user add --config FILE --login NAME --role admin'");
            }
            log.info("console: {}", server.url());
            HeadOfficeConfig headOffice = new HeadOfficeConfig(directory.branchId(), store, floor, staff,
                    supervision.store(), desk, audit, clock);
            return new Console(store, passwords, feed, server, users, staff, floor, supervision, desk, plays, recordings,
                    photos, fleet, headOffice);
        } catch (RuntimeException | SQLException e) {
            if (recordings != null) {
                recordings.close();
            }
            if (supervision != null) {
                supervision.close();
            }
            if (feed != null) {
                feed.close();
            }
            if (plays != null) {
                plays.close();
            }
            passwords.close();
            store.close();
            throw e;
        }
    }

    private static ConsoleRoutes[] routes(List<java.util.function.Function<AuditLog, ConsoleRoutes>> features,
                                          AuditLog audit, ConsoleRoutes... own) {
        List<ConsoleRoutes> all = new ArrayList<>();
        features.forEach(f -> all.add(f.apply(audit)));
        all.addAll(List.of(own));
        return all.toArray(ConsoleRoutes[]::new);
    }

    /** What the host feeds with the engine's committed state and the devices' status. */
    public MonitorFeed feed() {
        return feed;
    }

    /** The tellers as managed in the console; the host's engine consults it at each sign-in. */
    public Staff staff() {
        return staff;
    }

    /** The services and counters as changed in the console; the host's engine consults it. */
    public Floor floor() {
        return floor;
    }

    /**
     * The teller's photo as a rating pad fetches it ({@code /teller-photos/{sha256}} on this console),
     * from memory: the engine asks when it arms a pad.
     */
    public Optional<TellerPhoto> padPhoto(String teller) {
        return photos.current(teller).map(r -> new TellerPhoto(r.sha256(),
                url() + ConsoleServer.PAD_PHOTOS.substring(1) + r.sha256()));
    }

    /** Work orders, their escalator and pages (docs/supervision.md). */
    public Supervision supervision() {
        return supervision;
    }

    /** Head office's configuration of this branch (the down-link): the host hands it the documents. */
    public HeadOfficeConfig headOfficeConfig() {
        return headOfficeConfig;
    }

    /** Hall media: the host publishes what it approves on {@code state/signage}. */
    public SignageDesk signage() {
        return signage;
    }

    /** Counter recordings: the host hands it the committed {@code recording.segment} events. */
    public Recordings recordings() {
        return recordings;
    }

    /** Whether a ticket is being called or served at the counter (unknown: assumed so, nothing is closed). */
    private static boolean stillAtCounter(BranchHistory history, java.time.ZoneId zone, String ticket, String counter) {
        String[] parts = ticket.split("-");
        try {
            java.time.LocalDate day = java.time.LocalDate.parse(parts[parts.length - 2],
                    java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            return history.tickets(day, day).stream().filter(t -> t.id().equals(ticket)).findFirst()
                    .map(t -> counter.equals(t.counter()) && ("CALLED".equals(t.status()) || "SERVING".equals(t.status())))
                    .orElse(false);
        } catch (RuntimeException | BranchHistory.HistoryException e) {
            return true;
        }
    }

    private static ConsoleRoutes[] features(Supervision supervision, Recordings recordings, FleetPage devices) {
        List<ConsoleRoutes> all = new ArrayList<>(List.of(supervision.routes()));
        all.add(recordings.routes());
        all.add(devices);
        return all.toArray(ConsoleRoutes[]::new);
    }

    /** The devices page's list: the host registers the branch's devices and feeds their statuses. */
    public Fleet fleet() {
        return fleet;
    }

    public ConsoleUsers users() {
        return users;
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        recordings.close();
        supervision.close();
        plays.close();
        feed.close();
        passwords.close();
        store.close();
    }
}
