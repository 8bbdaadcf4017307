package io.counterline.server.broker;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.counterline.protocol.MessageCodec;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch's own MQTT broker, Moquette in-process: no anonymous clients, every device
 * authenticated by its secret with client id = user name, the contract's {@link AccessRules}
 * for publishes, subscriptions and Wills ({@link WillGuard}), no telemetry, nothing on disk (the server republishes retained state when it starts and
 * devices keep what matters in their outboxes).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** Room for a full 16 KiB payload plus topic and MQTT header; Moquette's default is 8092. */
    private static final int MAX_MESSAGE_BYTES = MessageCodec.MAX_PAYLOAD_BYTES + 1024;

    private final Server server = new Server();
    private final String host;
    private final int port;

    private EmbeddedBroker(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * A TLS listener beside the plain one, on the same host.
     *
     * @param keyStore PKCS#12 file with the broker's certificate chain and private key
     */
    public record TlsListener(int port, Path keyStore, String keyStorePassword) {
    }

    /** Starts listening on {@code host:port}; returns when the broker accepts connections. */
    public static EmbeddedBroker start(String host, int port, Credentials credentials, AccessRules rules)
            throws IOException {
        return start(host, port, Optional.empty(), credentials, rules);
    }

    /** As {@link #start(String, int, Credentials, AccessRules)}, with TLS on {@code tls.port} too. */
    public static EmbeddedBroker start(String host, int port, Optional<TlsListener> tls, Credentials credentials,
                                       AccessRules rules) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker.embedded.port must be 1..65535, was " + port);
        }
        Properties p = new Properties();
        tls.ifPresent(t -> {
            if (!Files.isReadable(t.keyStore())) {
                throw new IllegalArgumentException("broker.tls.key-store " + t.keyStore() + " is not readable");
            }
            p.setProperty(BrokerConstants.SSL_PORT_PROPERTY_NAME, Integer.toString(t.port()));
            p.setProperty(BrokerConstants.JKS_PATH_PROPERTY_NAME, t.keyStore().toAbsolutePath().toString());
            p.setProperty(BrokerConstants.KEY_STORE_TYPE, "pkcs12");
            p.setProperty(BrokerConstants.KEY_STORE_PASSWORD_PROPERTY_NAME, t.keyStorePassword());
            p.setProperty(BrokerConstants.KEY_MANAGER_PASSWORD_PROPERTY_NAME, t.keyStorePassword());
            p.setProperty(BrokerConstants.SSL_PROVIDER, "JDK");
        });
        p.setProperty(BrokerConstants.HOST_PROPERTY_NAME, host);
        p.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        p.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        // Nagle off, as for Mosquitto and the clients (docs/performance.md): request/response.
        p.setProperty(BrokerConstants.NETTY_TCP_NODELAY_PROPERTY_NAME, "true");
        EmbeddedBroker broker = new EmbeddedBroker(host, port);
        // Only a CONNECT that passed the WillGuard is let in (see installGuard).
        IAuthenticator authenticator = (clientId, user, password) -> WillGuard.checked(clientId)
                && user != null && user.equals(clientId) && credentials.check(user, password);
        IAuthorizatorPolicy policy = new IAuthorizatorPolicy() {
            @Override
            public boolean canWrite(Topic topic, String user, String client) {
                boolean ok = rules.canPublish(user, topic.toString());
                if (!ok) {
                    log.warn("refused: {} publishing to {}", user, topic);
                }
                return ok;
            }

            @Override
            public boolean canRead(Topic topic, String user, String client) {
                boolean ok = rules.canSubscribe(user, topic.toString());
                if (!ok) {
                    log.warn("refused: {} subscribing to {}", user, topic);
                }
                return ok;
            }
        };
        broker.server.startServer(new MemoryConfig(p), List.of(), null, authenticator, policy);
        try {
            installGuard(broker.server, new WillGuard(rules, broker.server::internalPublish));
        } catch (ReflectiveOperationException | RuntimeException e) {
            broker.close();
            throw new IllegalStateException("cannot put the Will guard into Moquette " + Server.MOQUETTE_VERSION
                    + " (this code knows 0.17): the broker would let Wills past the access rules", e);
        }
        log.info("embedded broker listening on {}:{}{}", host, port,
                tls.map(t -> ", TLS on " + host + ":" + t.port()).orElse(""));
        return broker;
    }

    /**
     * Moquette 0.17 has no hook that sees a CONNECT's Will. Its acceptor adds its optional
     * metrics handler to every new connection's pipeline just before its MQTT handler, reading
     * the field anew per connection; we put the guard there. A connection whose pipeline was
     * built in the instant before this ran has no guard, and the authenticator refuses its
     * CONNECT ({@link WillGuard#checked}).
     */
    private static void installGuard(Server server, WillGuard guard) throws ReflectiveOperationException {
        Field acceptorField = Server.class.getDeclaredField("acceptor");
        acceptorField.setAccessible(true);
        Object acceptor = acceptorField.get(server);
        Field metrics = acceptor.getClass().getDeclaredField("metrics");
        metrics.setAccessible(true);
        if (((Optional<?>) metrics.get(acceptor)).isPresent()) {
            throw new IllegalStateException("Moquette's metrics handler is on; the guard needs its place");
        }
        metrics.set(acceptor, Optional.of(guard));
    }

    public String uri() {
        return "tcp://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
