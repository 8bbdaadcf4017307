package io.counterline.server.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.counterline.protocol.Topics;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.testing.BrokerProcess;
import io.counterline.server.testing.RawMqttClient;
import io.counterline.server.testing.TestBranch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract's access rules, checked on a real broker with raw MQTT clients. Each negative
 * check is paired with a positive marker sent after it on the same path: when the marker
 * arrives, anything forbidden sent before it would already have arrived too.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class AccessRulesContract {
    private static final String OBSERVER_SECRET = "observer-secret-0001";
    private final Topics topics = Topics.of(TestBranch.BRANCH);

    @TempDir
    Path dir;

    private BrokerProcess broker;
    private final List<MqttClient> clients = new ArrayList<>();

    abstract BrokerProcess broker(TestBranch branch, BranchConfig config, Path dir) throws Exception;

    @BeforeEach
    void startBroker() throws Exception {
        TestBranch branch = new TestBranch(dir).externalBroker()
                .extra("observers = [ { id = observer, secret = \"" + OBSERVER_SECRET + "\" } ]");
        broker = broker(branch, branch.config(), dir);
        broker.start();
    }

    @AfterEach
    void stop() throws MqttException {
        for (MqttClient c : clients) {
            if (c.isConnected()) {
                c.disconnectForcibly(500);
            }
            c.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private MqttClient connect(String user, String secret) throws MqttException {
        MqttClient c = new MqttClient(broker.uri(), user, new MemoryPersistence());
        // A broker may never answer a forbidden publish: bound every wait.
        c.setTimeToWait(2000);
        clients.add(c);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(secret.toCharArray());
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        c.connect(o);
        return c;
    }

    private MqttClient connect(String user) throws MqttException {
        return connect(user, user.equals(TestBranch.SERVER) ? TestBranch.SERVER_SECRET
                : user.equals("observer") ? OBSERVER_SECRET : TestBranch.secretOf(user));
    }

    /**
     * A new session after the broker dropped the last one for a forbidden publish. The new
     * CONNECT can race the old session's teardown under the same client id (seen on the embedded
     * broker under load as "Connection lost"), so it is tried again until one holds, bounded.
     */
    private MqttClient reconnect(String user) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> connect(user), MqttClient::isConnected);
    }

    private static void publish(MqttClient c, String topic, String text) throws MqttException {
        c.publish(topic, text.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Subscribes, tolerating a broker that refuses the subscription outright. */
    private static void trySubscribe(MqttClient c, String filter, List<String> into) {
        try {
            c.subscribe(filter, 1, (t, m) -> into.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        } catch (MqttException refused) {
            // Refused at subscribe time: also a pass, checked by what arrives below.
        }
    }

    @Test
    void device_publishesToAnotherDevicesEvents_isNotDelivered() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient server = connect(TestBranch.SERVER);
        server.subscribe(topics.allDevices(Topics.Channel.EVT), 1,
                (t, m) -> seen.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        MqttClient intruder = connect("kiosk-1");
        try {
            publish(intruder, topics.events("kiosk-2"), "forged");
        } catch (MqttException disconnectedForIt) {
            // A broker may drop the connection instead of the message.
        }
        MqttClient honest = connect("kiosk-2");
        publish(honest, topics.events("kiosk-2"), "marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(topics.events("kiosk-2") + " marker"));
        assertThat(seen).containsExactly(topics.events("kiosk-2") + " marker");
    }

    @Test
    void device_publishesToStateOrCommands_isNotDelivered() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient server = connect(TestBranch.SERVER);
        server.subscribe(topics.base() + "/#", 1, (t, m) -> seen.add(t));
        MqttClient intruder = connect("kiosk-1");
        for (String forbidden : List.of(topics.services(), topics.commands("pad-1"), topics.acks("kiosk-1"))) {
            try {
                publish(intruder, forbidden, "forged");
            } catch (MqttException dropped) {
                intruder = reconnect("kiosk-1");
            }
        }
        publish(connect("kiosk-2"), topics.status("kiosk-2"), "marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(topics.status("kiosk-2")));
        assertThat(seen).containsExactly(topics.status("kiosk-2"));
    }

    @Test
    void device_subscribesToAnotherDevicesAcks_receivesNothingButItsOwn() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient snoop = connect("kiosk-1");
        trySubscribe(snoop, topics.acks("kiosk-2"), seen);
        trySubscribe(snoop, topics.allDevices(Topics.Channel.ACK), seen);
        snoop.subscribe(topics.acks("kiosk-1"), 1, (t, m) -> seen.add(t + " " + new String(m.getPayload(),
                StandardCharsets.UTF_8)));
        MqttClient server = connect(TestBranch.SERVER);
        publish(server, topics.acks("kiosk-2"), "secret");
        publish(server, topics.acks("kiosk-1"), "marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
        // The marker may come once per matching subscription (MQTT 3.1.1 allows overlaps);
        // the other device's ack, published before it, must never come.
        assertThat(seen).isNotEmpty().allMatch((topics.acks("kiosk-1") + " marker")::equals);
    }

    @Test
    void device_readsBranchState() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        connect("kiosk-1").subscribe(topics.allState(), 1, (t, m) -> seen.add(t));
        publish(connect(TestBranch.SERVER), topics.calls(), "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(topics.calls()));
    }

    @Test
    void device_willOnTopicsItMayNotWrite_isNeverPublished() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient server = connect(TestBranch.SERVER);
        server.subscribe(topics.base() + "/#", 1,
                (t, m) -> seen.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        List<String> forbidden = List.of(topics.requests("kiosk-2"), topics.events("kiosk-2"), topics.services(),
                topics.responses("kiosk-2"), topics.status("kiosk-2"));
        for (String topic : forbidden) {
            try (RawMqttClient intruder = RawMqttClient.connectWithWill(broker.uri(), "hall-1",
                    TestBranch.secretOf("hall-1"), topic, "forged", false)) {
                // Mosquitto refuses such a CONNECT; a broker that accepts it must never send the Will.
                assertThat(intruder.returnCode()).isIn(RawMqttClient.ACCEPTED, RawMqttClient.NOT_AUTHORIZED, -1);
                intruder.vanish();
            }
        }
        // The marker: an allowed Will, from a connection dropped after all the forbidden ones.
        try (RawMqttClient honest = RawMqttClient.connectWithWill(broker.uri(), "kiosk-2",
                TestBranch.secretOf("kiosk-2"), topics.status("kiosk-2"), "marker", true)) {
            assertThat(honest.returnCode()).isEqualTo(RawMqttClient.ACCEPTED);
            honest.vanish();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(topics.status("kiosk-2") + " marker"));
        assertThat(seen).containsExactly(topics.status("kiosk-2") + " marker");
    }

    @Test
    void device_willOnItsOwnStatus_isRetainedForLateSubscribers() throws Exception {
        List<String> live = new CopyOnWriteArrayList<>();
        MqttClient early = connect(TestBranch.SERVER);
        early.subscribe(topics.status("kiosk-1"), 1, (t, m) -> live.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        try (RawMqttClient device = RawMqttClient.connectWithWill(broker.uri(), "kiosk-1",
                TestBranch.secretOf("kiosk-1"), topics.status("kiosk-1"), "offline", true)) {
            assertThat(device.returnCode()).isEqualTo(RawMqttClient.ACCEPTED);
            device.vanish();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> live.contains("offline"));
        early.disconnect();
        // Only a retained message reaches a subscription made after it was published. (Moquette
        // 0.17 delivers retained messages with the RETAIN flag off, so the flag is not checked.)
        List<String> late = new CopyOnWriteArrayList<>();
        connect(TestBranch.SERVER).subscribe(topics.status("kiosk-1"), 1,
                (t, m) -> late.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(10)).until(() -> late.contains("offline"));
        assertThat(live).containsExactly("offline");
    }

    @Test
    void device_willOnItsOwnStatus_isNotPublishedAfterACleanDisconnect() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient server = connect(TestBranch.SERVER);
        server.subscribe(topics.allDevices(Topics.Channel.STATUS), 1,
                (t, m) -> seen.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        MqttClient device = new MqttClient(broker.uri(), "kiosk-1", new MemoryPersistence());
        clients.add(device);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName("kiosk-1");
        o.setPassword(TestBranch.secretOf("kiosk-1").toCharArray());
        o.setWill(topics.status("kiosk-1"), "will".getBytes(StandardCharsets.UTF_8), 1, true);
        device.connect(o);
        device.disconnect(2000);
        publish(connect("kiosk-2"), topics.status("kiosk-2"), "marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(topics.status("kiosk-2") + " marker"));
        assertThat(seen).containsExactly(topics.status("kiosk-2") + " marker");
    }

    @Test
    void device_retainedPublishToTopicsItMayNotWrite_isNeitherDeliveredNorRetained() throws Exception {
        MqttClient intruder = connect("kiosk-1");
        for (String forbidden : List.of(topics.services(), topics.status("kiosk-2"), topics.commands("pad-1"),
                topics.counter("c1"))) {
            try {
                intruder.publish(forbidden, "forged".getBytes(StandardCharsets.UTF_8), 1, true);
            } catch (MqttException dropped) {
                intruder = reconnect("kiosk-1");
            }
        }
        MqttClient honest = connect("kiosk-2");
        honest.publish(topics.status("kiosk-2"), "marker".getBytes(StandardCharsets.UTF_8), 1, true);
        // A subscriber that comes later gets only what is retained: the marker, never a forgery.
        List<String> late = new CopyOnWriteArrayList<>();
        connect(TestBranch.SERVER).subscribe(topics.base() + "/#", 1,
                (t, m) -> late.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(10)).until(() -> late.contains(topics.status("kiosk-2") + " marker"));
        assertThat(late).containsExactly(topics.status("kiosk-2") + " marker");
    }

    @Test
    void observer_readsStateAndEveryDevicesStatus() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient observer = connect("observer");
        observer.subscribe(topics.allState(), 1, (t, m) -> seen.add(t));
        observer.subscribe(topics.allDevices(Topics.Channel.STATUS), 1, (t, m) -> seen.add(t));
        publish(connect(TestBranch.SERVER), topics.calls(), "{}");
        publish(connect("kiosk-1"), topics.status("kiosk-1"), "{}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> seen.contains(topics.calls()) && seen.contains(topics.status("kiosk-1")));
    }

    @Test
    void observer_readsNothingButStateAndStatus() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient observer = connect("observer");
        for (String filter : List.of(topics.allDevices(Topics.Channel.EVT), topics.acks("kiosk-1"),
                topics.allDevices(Topics.Channel.CMD), topics.allDevices(Topics.Channel.REQ), topics.base() + "/#")) {
            trySubscribe(observer, filter, seen);
        }
        if (!observer.isConnected()) {
            // Moquette under heavy load has been seen to drop a client among refused subscriptions
            // (CI, load ~14): a broker that drops the asker also delivers it nothing. A new
            // session then listens for what may reach an observer.
            observer = reconnect("observer");
        }
        observer.subscribe(topics.allDevices(Topics.Channel.STATUS), 1, (t, m) -> seen.add(t + " "
                + new String(m.getPayload(), StandardCharsets.UTF_8)));
        MqttClient server = connect(TestBranch.SERVER);
        publish(server, topics.acks("kiosk-1"), "private");
        publish(server, topics.commands("kiosk-1"), "private");
        MqttClient kiosk = connect("kiosk-1");
        publish(kiosk, topics.events("kiosk-1"), "private");
        publish(kiosk, topics.requests("kiosk-1"), "private");
        publish(kiosk, topics.status("kiosk-1"), "marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(topics.status("kiosk-1") + " marker"));
        assertThat(seen).isNotEmpty().allMatch((topics.status("kiosk-1") + " marker")::equals);
    }

    @Test
    void observer_publishesAnywhere_nothingIsDelivered() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient server = connect(TestBranch.SERVER);
        server.subscribe(topics.base() + "/#", 1, (t, m) -> seen.add(t));
        MqttClient observer = connect("observer");
        for (String forbidden : List.of(topics.services(), topics.events("observer"), topics.status("observer"),
                topics.requests("observer"), topics.events("kiosk-1"), topics.commands("kiosk-1"))) {
            try {
                publish(observer, forbidden, "forged");
            } catch (MqttException dropped) {
                observer = reconnect("observer");
            }
        }
        publish(connect("kiosk-2"), topics.status("kiosk-2"), "marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(topics.status("kiosk-2")));
        assertThat(seen).containsExactly(topics.status("kiosk-2"));
    }

    @Test
    void observer_connecting_doesNotDisconnectTheServer() throws Exception {
        MqttClient server = connect(TestBranch.SERVER);
        connect("observer");
        List<String> seen = new CopyOnWriteArrayList<>();
        server.subscribe(topics.allDevices(Topics.Channel.STATUS), 1, (t, m) -> seen.add(t));
        publish(connect("kiosk-1"), topics.status("kiosk-1"), "marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(topics.status("kiosk-1")));
        assertThat(server.isConnected()).isTrue();
    }

    @Test
    void connect_wrongSecret_isRefused() {
        assertThatThrownBy(() -> connect("kiosk-1", "not-the-secret-at-all")).isInstanceOf(MqttSecurityException.class);
        assertThatThrownBy(() -> connect("stranger", "stranger-secret-0001")).isInstanceOf(MqttSecurityException.class);
    }
}
