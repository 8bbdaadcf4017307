package io.counterline.server.testing;

import com.typesafe.config.ConfigFactory;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.protocol.DeviceRole;
import java.nio.file.Path;
import java.time.Clock;

/** Real device runtimes (Paho, outbox file, short timings) against a test branch's broker. */
public final class TestDevices {
    private TestDevices() {
    }

    public static DeviceSettings settings(String device, DeviceRole role, String brokerUri, Path dataDir) {
        return settings(device, role, brokerUri, dataDir, TestBranch.secretOf(device));
    }

    /** As {@link #settings(String, DeviceRole, String, Path)} with a given broker secret (a device added in the console). */
    public static DeviceSettings settings(String device, DeviceRole role, String brokerUri, Path dataDir,
                                          String secret) {
        // A 10 s deadline: a loaded CI machine once took over 2 s for a demo's first ticket.issue.
        return DeviceSettings.from(ConfigFactory.parseString("""
                device { id = %s, branch = %s, data-dir = "%s", request-timeout = 10s, resend-after = 2s }
                broker { uri = "%s", secret = "%s", reconnect-initial = 100ms, reconnect-max = 1s }
                """.formatted(device, TestBranch.BRANCH, dataDir.resolve(device), brokerUri, secret)), role);
    }

    /** A raw Paho client's CONNECT as a device's: user name = client id, the secret, a bounded wait. */
    public static org.eclipse.paho.client.mqttv3.MqttConnectOptions connectOptions(String user, String secret) {
        org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(secret.toCharArray());
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        return o;
    }

    public static DeviceRuntime start(String device, DeviceRole role, String brokerUri, Path dataDir) throws Exception {
        return DeviceRuntime.start(settings(device, role, brokerUri, dataDir), Clock.systemUTC());
    }

    /**
     * Asks as a device does: with no answer within 2 s, asks again with the same id (so nothing is
     * done twice), at most 5 times. A device's first request can go out before its subscription to
     * its answers reaches the broker, and that answer is lost (seen in CI).
     */
    public static io.counterline.protocol.Response ask(io.counterline.device.DeviceRuntime device,
                                                       io.counterline.protocol.Operation op, Object args)
            throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            try {
                return device.requests().send(id, op, args, java.time.Duration.ofSeconds(2))
                        .get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
