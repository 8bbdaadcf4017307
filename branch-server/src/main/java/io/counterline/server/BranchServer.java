package io.counterline.server;

import io.counterline.messaging.BusSettings;
import io.counterline.messaging.MessageBus;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.protocol.EventEnvelope;
import io.counterline.outbox.OutboxException;
import io.counterline.protocol.Topics;
import io.counterline.server.broker.AccessRules;
import io.counterline.server.broker.Credentials;
import io.counterline.server.broker.EmbeddedBroker;
import io.counterline.server.config.BadConfigException;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.console.BranchConsole;
import io.counterline.server.mqtt.BusOutbound;
import io.counterline.server.mqtt.EventIngest;
import io.counterline.server.mqtt.RequestIntake;
import io.counterline.server.queue.Outbound;
import io.counterline.server.queue.QueueEngine;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.SqliteBranchStore;
import io.counterline.server.store.StoreException;
import io.counterline.server.uplink.CommittedFactsTap;
import io.counterline.server.uplink.SupervisionJournal;
import io.counterline.server.uplink.Uplink;
import io.counterline.server.uplink.UplinkSettings;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One branch's server: store, broker (embedded unless configured external), its own MQTT
 * client, the queue engine, and the intake of device requests and events. Started in that
 * order, closed in reverse.
 */
public final class BranchServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BranchServer.class);

    private final SqliteBranchStore store;
    private final Optional<EmbeddedBroker> broker;
    private final MessageBus bus;
    private final QueueEngine engine;
    private final EventIngest ingest;
    private final String brokerUri;
    private final Optional<BranchConsole> console;
    /** Set once by {@link #start}; empty when no head office is configured. */
    private Optional<Uplink> uplink = Optional.empty();

    private BranchServer(SqliteBranchStore store, Optional<EmbeddedBroker> broker, MessageBus bus, QueueEngine engine,
                         EventIngest ingest, String brokerUri, Optional<BranchConsole> console) {
        this.store = store;
        this.broker = broker;
        this.bus = bus;
        this.engine = engine;
        this.ingest = ingest;
        this.brokerUri = brokerUri;
        this.console = console;
    }

    /** Starts the branch; with a {@code head-office} block its committed facts are also uplinked there. */
    public static BranchServer start(BranchConfig config, Clock clock) throws StoreException, IOException {
        Optional<UplinkSettings> headOffice = config.headOffice();
        Topics topics = Topics.of(config.branch().id());
        SqliteBranchStore store = SqliteBranchStore.open(config.server().dataDir().resolve("branch.db"), clock);
        Optional<EmbeddedBroker> broker = Optional.empty();
        Optional<BranchConsole> console = Optional.empty();
        Optional<Uplink> uplink = Optional.empty();
        try {
            // The console first: the broker lets in the devices of counters added there, and head
            // office's configuration is applied through its stores.
            console = startConsole(config, clock);
            if (headOffice.isPresent()) {
                uplink = Optional.of(Uplink.start(config.branch().id(), headOffice.get(), config.server().dataDir(),
                        store, config.branch().zone(), console.map(c -> c.console().headOfficeConfig()), clock));
            }
            linkSupervision(console, uplink);
            if (config.broker().embedded()) {
                broker = Optional.of(startBroker(config, console.map(BranchConsole::addedDevices)
                        .orElse(Credentials.Added.NONE)));
            }
            String uri = config.broker().clientUri();
            PahoMessageBus bus = new PahoMessageBus(
                    BusSettings.of(uri, config.server().id(), config.server().secret()), Optional.empty());
            Outbound outbound = new BusOutbound(bus, topics);
            Optional<Uplink> link = uplink;
            BranchStore engineStore = link.isPresent()
                    ? CommittedFactsTap.wrap(store, facts -> link.get().committed()) : store;
            QueueEngine engine = console.isPresent()
                    ? QueueEngine.start(config, engineStore, console.get().tee(outbound), clock,
                            console.get().roster(config), console.get().floor(), console.get().orders())
                    : QueueEngine.start(config, engineStore, outbound, clock);
            new RequestIntake(bus, topics, engine).start();
            Optional<BranchConsole> monitor = console;
            EventIngest ingest = new EventIngest(bus, topics, events -> {
                List<EventEnvelope> fresh = engine.commitEvents(events).get(30, TimeUnit.SECONDS);
                monitor.ifPresent(m -> m.committed(fresh));
                return fresh;
            }).start();
            console.ifPresent(m -> m.listen(bus, topics));
            bus.addConnectionListener(new MessageBus.ConnectionListener() {
                @Override
                public void connected() {
                    // A restarted broker has lost the retained state: give it back.
                    engine.republish();
                }

                @Override
                public void disconnected(String reason) {
                    // Devices keep their events and retry; nothing to do here.
                }
            });
            bus.start();
            log.info("branch {} ({}) served over {}: {} services, {} counters, {} devices", config.branch().id(),
                    config.branch().name(), uri, config.services().size(), config.counters().size(),
                    config.devices().size());
            BranchServer server = new BranchServer(store, broker, bus, engine, ingest, uri, console);
            server.uplink = uplink;
            return server;
        } catch (OutboxException e) {
            console.ifPresent(BranchConsole::close);
            broker.ifPresent(EmbeddedBroker::close);
            store.close();
            throw new IOException("uplink outbox: " + e.getMessage(), e);
        } catch (IOException | StoreException | RuntimeException e) {
            console.ifPresent(BranchConsole::close);
            uplink.ifPresent(Uplink::close);
            broker.ifPresent(EmbeddedBroker::close);
            store.close();
            throw e;
        }
    }

    /**
     * The supervision facts of the console's file go to head office through the same uplink; a
     * branch without a head office forgets them (like the engine's facts, which it does not journal).
     */
    private static void linkSupervision(Optional<BranchConsole> console, Optional<Uplink> uplink) throws IOException {
        if (console.isEmpty()) {
            return;
        }
        var supervision = console.get().console().supervision().store();
        if (uplink.isPresent()) {
            SupervisionJournal journal = new SupervisionJournal(supervision);
            supervision.onJournaled(uplink.get()::committed);
            uplink.get().attach(journal, journal);
            return;
        }
        try {
            supervision.forgetJournaled(Long.MAX_VALUE);
        } catch (java.sql.SQLException e) {
            throw new IOException("console: " + e.getMessage(), e);
        }
    }

    private static Optional<BranchConsole> startConsole(BranchConfig config, Clock clock) throws IOException {
        if (config.console().isEmpty()) {
            log.info("console: off (no console.listen in the branch file)");
            return Optional.empty();
        }
        try {
            return Optional.of(BranchConsole.start(config, config.console().get(),
                    config.server().dataDir().resolve("branch.db"), clock));
        } catch (java.sql.SQLException e) {
            throw new IOException("console: " + e.getMessage(), e);
        }
    }

    /** The web console, when configured. */
    public Optional<BranchConsole> console() {
        return console;
    }

    /** Starts only the embedded broker of {@code config}, for a server on another host or a test. */
    public static EmbeddedBroker startBroker(BranchConfig config) throws IOException {
        return startBroker(config, Credentials.Added.NONE);
    }

    /** As {@link #startBroker(BranchConfig)}, also letting in {@code added} devices (the console's counters). */
    static EmbeddedBroker startBroker(BranchConfig config, Credentials.Added added) throws IOException {
        AccessRules rules = AccessRules.of(config);
        Optional<EmbeddedBroker.TlsListener> tls = config.broker().tls().map(t -> new EmbeddedBroker.TlsListener(
                t.port(), t.keyStore().orElseThrow(() -> new BadConfigException(
                        "broker.tls.key-store is missing: the embedded broker needs a PKCS#12 key store")),
                t.keyStorePassword().orElseThrow()));
        return EmbeddedBroker.start(config.broker().host(), config.broker().port(), tls,
                new Credentials(config.secrets(), added), rules);
    }

    public String brokerUri() {
        return brokerUri;
    }

    public EventIngest ingest() {
        return ingest;
    }

    public SqliteBranchStore store() {
        return store;
    }

    public Optional<Uplink> uplink() {
        return uplink;
    }

    public MessageBus bus() {
        return bus;
    }

    @Override
    public void close() {
        ingest.close();
        engine.close();
        console.ifPresent(BranchConsole::close);
        uplink.ifPresent(Uplink::close);
        bus.close();
        broker.ifPresent(EmbeddedBroker::close);
        store.close();
        log.info("branch server stopped");
    }
}
