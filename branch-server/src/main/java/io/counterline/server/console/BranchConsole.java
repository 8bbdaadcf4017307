package io.counterline.server.console;

import io.counterline.console.BranchDirectory;
import io.counterline.console.Console;
import io.counterline.console.ConsoleSettings;
import io.counterline.console.report.SqliteBranchHistory;
import io.counterline.console.staff.Floor;
import io.counterline.console.store.ConsoleStore;
import io.counterline.messaging.MessageBus;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import io.counterline.server.broker.Credentials;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.config.CounterConfig;
import io.counterline.server.config.FloorChanges;
import io.counterline.server.config.ServiceConfig;
import io.counterline.server.config.TellerRoster;
import io.counterline.console.supervision.WorkOrder;
import io.counterline.console.supervision.WorkOrders;
import io.counterline.protocol.Bodies;
import io.counterline.server.queue.CounterOrders;
import io.counterline.server.queue.Outbound;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console as the branch server hosts it: names from the branch file, tickets and ratings
 * read from the branch store over a read-only connection, and the monitor fed with what the
 * engine has committed (its outbound state, its newly committed events) and the devices'
 * retained status from the broker.
 */
public final class BranchConsole implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BranchConsole.class);

    private final SqliteBranchHistory history;
    private final Console console;
    private final MessageCodec codec = new MessageCodec();

    private final String signageTopic;
    private final CallerRecordingHost recordingHost;
    private final CounterCallers callers;
    private final Clock clock;
    private volatile CallerNotices callerNotices;

    private BranchConsole(SqliteBranchHistory history, Console console, String signageTopic,
                          CallerRecordingHost recordingHost, CounterCallers callers, Clock clock) {
        this.recordingHost = recordingHost;
        this.history = history;
        this.console = console;
        this.signageTopic = signageTopic;
        this.callers = callers;
        this.clock = clock;
    }

    public static BranchConsole start(BranchConfig config, ConsoleSettings settings, Path branchDb, Clock clock)
            throws SQLException {
        SqliteBranchHistory history = SqliteBranchHistory.open(branchDb);
        try {
            List<String> halls = config.devices().stream().filter(d -> d.role() == DeviceRole.HALL_DISPLAY)
                    .map(BranchConfig.Device::id).toList();
            Map<String, String> prefixes = new LinkedHashMap<>();
            config.services().forEach(s -> prefixes.put(s.id(), s.prefix()));
            CallerRecordingHost recordingHost = new CallerRecordingHost(config, clock);
            Console console = Console.start(settings, directory(config), employeeNos(config), floorSeed(config),
                    prefixes, halls, history, recordingHost, clock);
            config.devices().forEach(d -> console.fleet().register(d.id(), d.role(), d.counter()));
            console.floor().brokerUsersOfTheFile(config.secrets().keySet());
            CounterCallers callers = new CounterCallers(config, () -> addedCallerCounters(console.floor()));
            recordingHost.addedInTheConsole(callers, console.floor()::deviceSecretMatches);
            return new BranchConsole(history, console, Topics.of(config.branch().id()).signage(), recordingHost,
                    callers, clock);
        } catch (SQLException | RuntimeException e) {
            history.close();
            throw e;
        }
    }

    private static Map<String, String> addedCallerCounters(Floor floor) {
        Map<String, String> m = new LinkedHashMap<>();
        floor.addedCounters().forEach(c -> m.put(c.caller(), c.id()));
        return m;
    }

    public static BranchDirectory directory(BranchConfig config) {
        return new BranchDirectory(config.branch().id(), config.branch().name(), config.branch().zone(),
                config.tellers().stream().map(t -> new BranchDirectory.Named(t.id(), t.name())).toList(),
                config.counters().stream().map(c -> new BranchDirectory.Named(c.id(), c.nameZh())).toList(),
                config.services().stream().map(s -> new BranchDirectory.Named(s.id(), s.nameZh())).toList(),
                config.queue().rolloverHour());
    }

    private static java.util.Map<String, String> employeeNos(BranchConfig config) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        config.tellers().forEach(t -> m.put(t.id(), t.employeeNo()));
        return m;
    }

    private static List<Floor.Place> floorSeed(BranchConfig config) {
        List<Floor.Place> seed = new ArrayList<>();
        config.services().forEach(s -> seed.add(new Floor.Place(Floor.Kind.SERVICE, s.id(), s.nameZh(), s.nameEn(),
                false, false)));
        config.counters().forEach(c -> seed.add(new Floor.Place(Floor.Kind.COUNTER, c.id(), c.nameZh(), c.nameEn(),
                false, false)));
        return seed;
    }

    /** The engine's services and counters: the branch file's, renamed or disabled in the console. */
    public FloorChanges floor() {
        Floor floor = console.floor();
        return new FloorChanges() {
            @Override
            public Optional<Change> service(String id) {
                return floor.changed(Floor.Kind.SERVICE, id).map(p -> new Change(p.nameZh(), p.nameEn(), p.disabled()));
            }

            @Override
            public Optional<Change> counter(String id) {
                return floor.changed(Floor.Kind.COUNTER, id).map(p -> new Change(p.nameZh(), p.nameEn(), p.disabled()));
            }

            @Override
            public List<AddedService> addedServices() {
                return floor.added().stream().map(s -> new AddedService(new ServiceConfig(s.id(), s.prefix(),
                        floor.changed(Floor.Kind.SERVICE, s.id()).map(Floor.Place::nameZh).orElse(s.id()),
                        floor.changed(Floor.Kind.SERVICE, s.id()).map(Floor.Place::nameEn).orElse(s.id()),
                        s.first(), s.last(), s.opens(), s.closes()), s.counters())).toList();
            }

            @Override
            public List<AddedCounter> addedCounters() {
                return floor.addedCounters().stream().map(c -> new AddedCounter(new CounterConfig(c.id(), c.number(),
                        floor.changed(Floor.Kind.COUNTER, c.id()).map(Floor.Place::nameZh).orElse(c.id()),
                        floor.changed(Floor.Kind.COUNTER, c.id()).map(Floor.Place::nameEn).orElse(c.id()),
                        c.services()), c.caller(), c.pad())).toList();
            }
        };
    }

    /**
     * The broker hashes of the devices of counters added in the console, by device id, read from
     * {@code console.db} (for Mosquitto's password file); none without a console or before its first start.
     */
    public static Map<String, String> addedDeviceHashes(BranchConfig config) throws SQLException {
        Optional<ConsoleSettings> settings = config.console();
        if (settings.isEmpty() || !java.nio.file.Files.exists(settings.get().database())) {
            return Map.of();
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        try (ConsoleStore store = ConsoleStore.open(settings.get().database())) {
            for (ConsoleStore.AddedCounterRow c : store.addedCounters()) {
                hashes.put(c.caller(), c.callerSecretHash());
                hashes.put(c.pad(), c.padSecretHash());
            }
        }
        return hashes;
    }

    /** The devices of counters added in the console, for the embedded broker to let in by their secrets. */
    public Credentials.Added addedDevices() {
        return console.floor()::deviceSecretMatches;
    }

    /** The engine's tellers: the branch file's with the console's changes over them. */
    public TellerRoster roster(BranchConfig config) {
        return new ConsoleTellerRoster(TellerRoster.of(config), console.staff(), console::padPhoto);
    }

    /**
     * The engine's outbound with the monitor listening in, and supervision notices going to the
     * counter callers of their recipients.
     */
    public Outbound tee(Outbound next) {
        CallerNotices notices = new CallerNotices(next, callers::at, clock, console.supervision()::standingFor);
        callerNotices = notices;
        console.supervision().onNotice(notices::notice);
        SignageOutbound signage = new SignageOutbound(new ConsoleOutbound(notices, console.feed()), signageTopic);
        try {
            console.signage().publishTo(signage::schedule);
        } catch (SQLException e) {
            throw new IllegalStateException("console: hall media schedule unreadable: " + e.getMessage(), e);
        }
        recordingHost.sendThrough(signage);
        return signage;
    }

    /** Work orders made at the counter callers ({@code order.create}), into the console's supervision. */
    public CounterOrders orders() {
        return (at, order) -> {
            try {
                WorkOrder o = console.supervision().orders().fromCounter(new WorkOrders.AtCounter(at.requestKey(),
                        at.device(), at.counter(), at.teller(), at.ticketId(), order.category(), order.description(),
                        order.contact(), order.voiceNote()));
                return new Bodies.OrderCreated(o.id(), o.category(), o.deadline(), at.ticketNumber());
            } catch (SQLException e) {
                throw new CounterOrders.Unavailable("console.db: " + e.getMessage(), e);
            }
        };
    }

    /** Events the engine has just committed. */
    public void committed(List<EventEnvelope> events) {
        console.feed().committed(events);
        for (EventEnvelope e : events) {
            if (e.type() == EventType.RECORDING_SEGMENT) {
                recordingHost.segment(e).ifPresent(s -> console.recordings()
                        .announced(s, recordingHost.counterOfCaller(e.device()).orElseThrow())
                        .ifPresent(why -> log.warn("recording: segment {} of {} refused: {}", s.segmentId(), e.device(),
                                why)));
            }
        }
    }

    /** Device presence and health from their retained status topics. */
    public void listen(MessageBus bus, Topics topics) {
        // The devices page's commands (a kiosk's test page), as the server sends any command.
        console.fleet().commandsVia(c -> bus.publish(topics.commands(c.device()), codec.encode(c), false));
        bus.subscribe(topics.allDevices(Topics.Channel.STATUS), (topic, payload) -> {
            if (payload.length == 0) {
                return; // a cleared retained status
            }
            if (codec.decode(payload, DeviceStatus.class) instanceof Decoded.Accepted<DeviceStatus> a) {
                console.feed().device(a.message());
                console.fleet().status(a.message());
            } else {
                log.debug("console: unreadable status on {}", topic);
            }
        });
    }

    public Console console() {
        return console;
    }

    @Override
    public void close() {
        if (callerNotices != null) {
            callerNotices.close();
        }
        console.close();
        history.close();
    }
}
