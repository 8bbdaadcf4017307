package io.counterline.server.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.config.BrokerSecretHash;
import io.counterline.testing.Binaries;
import io.counterline.testing.Mosquitto;
import io.counterline.server.testing.MosquittoBroker;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated files as an installed Mosquitto uses them: started as root, it drops to user
 * "mosquitto" and only then reads the password file, which must be readable by that user.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MosquittoFilesIT {
    @TempDir
    Path dir;

    @Test
    void passwordFile_mosquittoRunningAsItsOwnUser_readsItAndAdmitsTheDevice() throws Exception {
        Binaries.require("mosquitto", "mosquitto");
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean hasUser = Files.readString(Path.of("/etc/passwd")).lines().anyMatch(l -> l.startsWith("mosquitto:"));
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(root && hasUser).as("CI runs as root with Debian's mosquitto (user mosquitto)").isTrue();
        }
        Assumptions.assumeTrue(root && hasUser, "needs root and the mosquitto user (Debian's mosquitto package)");
        // The test's own folder must be passable by user mosquitto, as /etc/mosquitto is.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestBranch branch = new TestBranch(dir).externalBroker();
        try (MosquittoBroker broker = MosquittoBroker.asInstalled(branch.config(), branch.brokerPort(), dir)) {
            broker.start();
            MqttClient c = new MqttClient(broker.uri(), "kiosk-1", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName("kiosk-1");
            o.setPassword(TestBranch.secretOf("kiosk-1").toCharArray());
            c.connect(o);
            assertThat(c.isConnected()).isTrue();
            c.disconnect();
            c.close();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("mosquitto/passwd"))))
                .isEqualTo("rw-r-----");
    }

    /**
     * A device of a counter added in the console is in the files by its stored hash only (the
     * console's {@link BrokerSecretHash}): Mosquitto admits it with the secret the console showed,
     * refuses a wrong one, and its ACL block lets it publish its own events only.
     */
    @Test
    void deviceAddedInTheConsole_admittedByItsHash_withItsOwnAcl() throws Exception {
        Binaries.require("mosquitto", "mosquitto");
        TestBranch branch = new TestBranch(dir).externalBroker();
        String secret = "shown-once-in-the-console-0123456789";
        MosquittoFiles.Written files = new MosquittoFiles().write(dir.resolve("mosquitto"),
                new Credentials(branch.config().secrets()), Map.of("caller-9", BrokerSecretHash.hash(secret),
                        "kiosk-1", BrokerSecretHash.hash(secret)), AccessRules.of(branch.config()), "127.0.0.1",
                branch.brokerPort(), java.util.Optional.empty());
        assertThat(Files.readString(files.passwordFile())).doesNotContain(secret).containsOnlyOnce("kiosk-1:");
        assertThat(Files.readString(files.aclFile())).contains("user caller-9\n")
                .contains("topic write " + AccessRules.of(branch.config()).topics().base() + "/dev/caller-9/evt");
        try (Mosquitto mosquitto = Mosquitto.withConfig(dir, branch.brokerPort(),
                Files.readString(files.configFile())).start()) {
            MqttClient c = new MqttClient(mosquitto.uri(), "caller-9", new MemoryPersistence());
            c.connect(TestDevices.connectOptions("caller-9", secret));
            assertThat(c.isConnected()).isTrue();
            c.disconnect();
            c.close();
            MqttClient wrong = new MqttClient(mosquitto.uri(), "caller-9", new MemoryPersistence());
            assertThatThrownBy(() -> wrong.connect(TestDevices.connectOptions("caller-9", "not-the-secret-shown")))
                    .isInstanceOf(MqttSecurityException.class);
            wrong.close();
            MqttClient kiosk = new MqttClient(mosquitto.uri(), "kiosk-1", new MemoryPersistence());
            assertThatThrownBy(() -> kiosk.connect(TestDevices.connectOptions("kiosk-1", secret))).as("the branch file's user wins")
                    .isInstanceOf(MqttSecurityException.class);
            kiosk.close();
        }
    }
}
