package io.counterline.messaging;

import io.counterline.protocol.Topics;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageBus} over Eclipse Paho's asynchronous MQTT 3.1.1 client.
 *
 * <p>Reconnects by itself with the settings' {@link Backoff}, from the first attempt on (Paho's
 * own automatic reconnect only starts after a first success), and abandons an attempt that has
 * not finished within twice {@code broker.connect-timeout} (a peer that never sends CONNACK). Sessions are clean: what must
 * survive a disconnect lives in the device's outbox, and subscriptions are restored on every
 * connect. Paho keeps nothing on disk.
 */
public final class PahoMessageBus implements MessageBus {
    private static final Logger log = LoggerFactory.getLogger(PahoMessageBus.class);

    private record Subscription(String filter, MessageHandler handler) {
    }

    private final BusSettings settings;
    /** Replaced by the connect watchdog when an attempt hangs (see {@link #abandon}). */
    private volatile MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch;
    private final ScheduledExecutorService reconnect;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicInteger failures = new AtomicInteger();
    /** Numbers connect attempts, so that a late answer to an abandoned attempt is ignored. */
    private final AtomicLong attempts = new AtomicLong();
    /** Whether listeners have been told that the broker is unreachable since the last connect. */
    private final AtomicBoolean reportedDown = new AtomicBoolean();
    /** What listeners were last told: dispatch thread only, so a late listener hears the same. */
    private boolean toldConnected;

    public PahoMessageBus(BusSettings settings, Optional<Will> will) {
        this.settings = settings;
        String name = settings.clientId();
        this.dispatch = Executors.newSingleThreadExecutor(r -> daemon(r, "bus-dispatch-" + name));
        this.reconnect = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bus-connect-" + name));
        this.client = newClient();
        this.options = connectOptions(settings, will);
    }

    private MqttAsyncClient newClient() {
        try {
            MqttAsyncClient c = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence());
            c.setCallback(new Callback(c));
            return c;
        } catch (MqttException e) {
            throw new IllegalArgumentException("broker.uri '" + settings.uri() + "' is not usable: " + e.getMessage(), e);
        }
    }

    /** Starts connecting in the background; returns at once. */
    public PahoMessageBus start() {
        reconnect.execute(this::connect);
        return this;
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained) throws BusException {
        if (closed.get()) {
            throw new BusException("bus is closed");
        }
        try {
            client.publish(topic, payload, 1, retained);
        } catch (MqttException e) {
            throw new BusException("not sent to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void subscribe(String filter, MessageHandler handler) {
        subscriptions.add(new Subscription(filter, handler));
        if (client.isConnected()) {
            subscribeNow(filter);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void addConnectionListener(ConnectionListener listener) {
        if (closed.get()) {
            return;
        }
        // Added on the dispatch thread, so a listener added after the connect (an app that
        // starts its controller once the bus is up) still hears "connected", exactly once.
        dispatch.execute(() -> {
            listeners.add(listener);
            if (toldConnected) {
                listener.connected();
            }
        });
    }

    private void tell(boolean connected, String reason) {
        toldConnected = connected;
        for (ConnectionListener l : listeners) {
            if (connected) {
                l.connected();
            } else {
                l.disconnected(reason);
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        reconnect.shutdownNow();
        try {
            if (client.isConnected()) {
                // A clean disconnect: the broker does not publish the will.
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            log.debug("disconnect of {}: {}", settings.clientId(), e.getMessage());
        }
        closeQuietly(client);
        dispatch.shutdown();
        try {
            dispatch.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connect() {
        if (closed.get() || client.isConnected() || !connecting.compareAndSet(false, true)) {
            return;
        }
        long attempt = attempts.incrementAndGet();
        MqttAsyncClient c = client;
        try {
            c.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (attempts.get() != attempt) {
                        return; // abandoned by the watchdog; that client is being closed
                    }
                    connecting.set(false);
                    failures.set(0);
                    reportedDown.set(false);
                    log.info("{} connected to {}", settings.clientId(), settings.uri());
                    subscriptions.forEach(s -> subscribeNow(s.filter()));
                    dispatch.execute(() -> tell(true, null));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    if (attempts.get() == attempt) {
                        connecting.set(false);
                        scheduleReconnect(describe(cause));
                    }
                }
            });
            watchLater(attempt, c);
        } catch (MqttException e) {
            connecting.set(false);
            scheduleReconnect(describe(e));
        }
    }

    /**
     * The connect watchdog. Paho's connection timeout covers only the TCP (and TLS) handshake:
     * a peer that accepts the connection and never sends CONNACK (a hung broker, a wrong port,
     * a middlebox) leaves the attempt open for good, and Paho makes no other (seen: one attempt
     * in 68 s, still down after the broker came back). So every attempt gets {@link #stallLimit}
     * to finish; after that the client is thrown away, a new one made, and the next attempt
     * scheduled with the usual backoff.
     */
    private void watchLater(long attempt, MqttAsyncClient watched) {
        try {
            reconnect.schedule(() -> {
                if (attempts.get() == attempt && connecting.get() && client == watched
                        && !watched.isConnected()) {
                    abandon(watched, "no answer (CONNACK) within " + stallLimit().toMillis() + " ms");
                }
            }, stallLimit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("watchdog not scheduled: bus closed");
        }
    }

    /** How long one connect attempt may take in all: TCP, TLS and the broker's CONNACK. */
    private Duration stallLimit() {
        return settings.connectTimeout().multipliedBy(2);
    }

    private void abandon(MqttAsyncClient stuck, String reason) {
        if (closed.get()) {
            return;
        }
        attempts.incrementAndGet(); // late callbacks of the stuck attempt are ignored from now on
        client = newClient();
        connecting.set(false);
        try {
            stuck.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            log.debug("dropping the stalled connection of {}: {}", settings.clientId(), e.getMessage());
        }
        closeQuietly(stuck);
        scheduleReconnect(reason);
    }

    private void closeQuietly(MqttAsyncClient c) {
        try {
            c.close(true);
        } catch (MqttException e) {
            log.debug("close of {}: {}", settings.clientId(), e.getMessage());
        }
    }

    private void scheduleReconnect(String reason) {
        if (closed.get()) {
            return;
        }
        int n = failures.incrementAndGet();
        long delay = settings.backoff().delayAfter(n).toMillis();
        if (n == 1 || n % 10 == 0) {
            log.warn("{} cannot reach {} ({}); retrying in {} ms (attempt {})",
                    settings.clientId(), settings.uri(), reason, delay, n);
        }
        if (reportedDown.compareAndSet(false, true)) {
            // Once per outage, so that a device that never got through shows it in its health.
            dispatch.execute(() -> tell(false, reason));
        }
        reconnectLater(delay);
    }

    private void reconnectLater(long delayMillis) {
        try {
            reconnect.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("reconnect not scheduled: bus closed");
        }
    }

    private void subscribeNow(String filter) {
        try {
            client.subscribe(filter, 1);
        } catch (MqttException e) {
            log.warn("{} could not subscribe to {}: {}", settings.clientId(), filter, e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (owner != client) {
                return; // an abandoned client
            }
            String reason = describe(cause);
            log.warn("{} lost the broker: {}", settings.clientId(), reason);
            reportedDown.set(true);
            dispatch.execute(() -> tell(false, reason));
            failures.set(0);
            reconnectLater(settings.backoff().initial().toMillis());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (owner != client) {
                return;
            }
            // Paho's thread must not wait on us: hand over and return (Paho acks on return).
            byte[] payload = message.getPayload();
            dispatch.execute(() -> deliver(topic, payload));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // The broker's PUBACK means nothing to us: the server's own ack does.
        }
    }

    private void deliver(String topic, byte[] payload) {
        for (Subscription s : subscriptions) {
            if (Topics.matches(s.filter(), topic)) {
                try {
                    s.handler().onMessage(topic, payload);
                } catch (RuntimeException e) {
                    log.error("handler for {} failed on {}", s.filter(), topic, e);
                }
            }
        }
    }

    private static MqttConnectOptions connectOptions(BusSettings settings, Optional<Will> will) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setUserName(settings.clientId());
        o.setPassword(settings.secret());
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        o.setMaxInflight(settings.maxInflight());
        will.ifPresent(w -> o.setWill(w.topic(), w.payload(), 1, true));
        o.setSocketFactory(socketFactory(settings));
        return o;
    }

    /**
     * Nagle off on every connection. {@code ssl://} trusts the CAs in {@code broker.trust-store}
     * if given (the branch's own CA), else the JDK's; the broker's certificate must name the host
     * of the URI (Paho checks it).
     */
    static SocketFactory socketFactory(BusSettings settings) {
        if (!settings.uri().startsWith("ssl://")) {
            return new NoDelaySocketFactory();
        }
        if (settings.trustStore().isPresent()) {
            return new NoDelaySslSocketFactory(trustingOnly(settings).getSocketFactory());
        }
        return new NoDelaySslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** TLS that trusts only the CAs of {@code broker.trust-store} (also used for a device's HTTPS to the server). */
    public static SSLContext trustingOnly(BusSettings settings) {
        try (InputStream in = new FileInputStream(settings.trustStore().orElseThrow().toFile())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, settings.trustStorePassword().map(String::toCharArray).orElse(null));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("broker.trust-store " + settings.trustStore().get()
                    + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        if (t instanceof MqttException m && m.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION) {
            return "refused: bad user name or secret";
        }
        if (t instanceof MqttException m && m.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED) {
            return "refused: not authorized";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
