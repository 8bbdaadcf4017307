package io.counterline.server;

import io.counterline.messaging.BusSettings;
import io.counterline.messaging.MessageBus;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.protocol.Topics;
import io.counterline.server.broker.AccessRules;
import io.counterline.server.broker.Credentials;
import io.counterline.server.broker.EmbeddedBroker;
import io.counterline.server.config.BadConfigException;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.mqtt.EventIngest;
import io.counterline.server.mqtt.RequestIntake;
import io.counterline.server.mqtt.BusOutbound;
import io.counterline.server.queue.QueueEngine;
import io.counterline.server.store.SqliteBranchStore;
import io.counterline.server.store.StoreException;
import java.io.IOException;
import java.time.Clock;
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

    private BranchServer(SqliteBranchStore store, Optional<EmbeddedBroker> broker, MessageBus bus, QueueEngine engine,
                         EventIngest ingest, String brokerUri) {
        this.store = store;
        this.broker = broker;
        this.bus = bus;
        this.engine = engine;
        this.ingest = ingest;
        this.brokerUri = brokerUri;
    }

    public static BranchServer start(BranchConfig config, Clock clock) throws StoreException, IOException {
        Topics topics = Topics.of(config.branch().id());
        SqliteBranchStore store = SqliteBranchStore.open(config.server().dataDir().resolve("branch.db"), clock);
        Optional<EmbeddedBroker> broker = Optional.empty();
        try {
            if (config.broker().embedded()) {
                broker = Optional.of(startBroker(config));
            }
            String uri = config.broker().clientUri();
            PahoMessageBus bus = new PahoMessageBus(
                    BusSettings.of(uri, config.server().id(), config.server().secret()), Optional.empty());
            QueueEngine engine = QueueEngine.start(config, store, new BusOutbound(bus, topics), clock);
            new RequestIntake(bus, topics, engine).start();
            EventIngest ingest = new EventIngest(bus, topics,
                    events -> engine.commitEvents(events).get(30, TimeUnit.SECONDS)).start();
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
            return new BranchServer(store, broker, bus, engine, ingest, uri);
        } catch (IOException | StoreException | RuntimeException e) {
            broker.ifPresent(EmbeddedBroker::close);
            store.close();
            throw e;
        }
    }

    /** Starts only the embedded broker of {@code config}, for a server on another host or a test. */
    public static EmbeddedBroker startBroker(BranchConfig config) throws IOException {
        AccessRules rules = AccessRules.of(config);
        Optional<EmbeddedBroker.TlsListener> tls = config.broker().tls().map(t -> new EmbeddedBroker.TlsListener(
                t.port(), t.keyStore().orElseThrow(() -> new BadConfigException(
                        "broker.tls.key-store is missing: the embedded broker needs a PKCS#12 key store")),
                t.keyStorePassword().orElseThrow()));
        return EmbeddedBroker.start(config.broker().host(), config.broker().port(), tls,
                new Credentials(config.secrets()), rules);
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

    public MessageBus bus() {
        return bus;
    }

    @Override
    public void close() {
        ingest.close();
        engine.close();
        bus.close();
        broker.ifPresent(EmbeddedBroker::close);
        store.close();
        log.info("branch server stopped");
    }
}
