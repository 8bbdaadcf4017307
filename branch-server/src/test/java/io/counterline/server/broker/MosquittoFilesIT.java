package io.counterline.server.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.testing.Binaries;
import io.counterline.server.testing.MosquittoBroker;
import io.counterline.server.testing.TestBranch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
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
}
