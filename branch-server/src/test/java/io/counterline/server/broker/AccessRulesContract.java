package io.counterline.server.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.counterline.protocol.Topics;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.testing.BrokerProcess;
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
    private final Topics topics = Topics.of(TestBranch.BRANCH);

    @TempDir
    Path dir;

    private BrokerProcess broker;
    private final List<MqttClient> clients = new ArrayList<>();

    abstract BrokerProcess broker(TestBranch branch, BranchConfig config, Path dir) throws Exception;

    @BeforeEach
    void startBroker() throws Exception {
        TestBranch branch = new TestBranch(dir).externalBroker();
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
        return connect(user, user.equals(TestBranch.SERVER) ? TestBranch.SERVER_SECRET : TestBranch.secretOf(user));
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
                intruder = connect("kiosk-1");
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
    void connect_wrongSecret_isRefused() {
        assertThatThrownBy(() -> connect("kiosk-1", "not-the-secret-at-all")).isInstanceOf(MqttSecurityException.class);
        assertThatThrownBy(() -> connect("stranger", "stranger-secret-0001")).isInstanceOf(MqttSecurityException.class);
    }
}
