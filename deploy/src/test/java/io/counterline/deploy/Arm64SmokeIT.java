package io.counterline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.testing.Binaries;
import io.counterline.testing.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arm64 packages' code on aarch64: Debian's arm64 OpenJDK 17 (multiarch) under qemu user
 * emulation runs the branch server from counterline-server_arm64 (headless, SQLite store, broker
 * on loopback), and the caller package's libraries load their aarch64 native code (sqlite-jdbc,
 * jSerialComm, Pi4J gpiod). Slow by nature (an emulated JVM): two runs only.
 */
class Arm64SmokeIT {
    static final Path ARM64_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-arm64/bin/java");

    @TempDir
    Path dir;

    static List<String> arm64Java() {
        Path qemu = Binaries.find("qemu-aarch64-static").or(() -> Binaries.find("qemu-aarch64"))
                .orElseGet(() -> Binaries.require("qemu-aarch64-static", "qemu-user-static"));
        if (!Files.isExecutable(ARM64_JAVA)) {
            // Binaries.require's message and CI rule, for a file that is not on the PATH.
            Binaries.require("java-17-openjdk-arm64/bin/java",
                    "openjdk-17-jre-headless:arm64 (after dpkg --add-architecture arm64 and apt-get update)");
        }
        return List.of(qemu.toString(), ARM64_JAVA.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m");
    }

    private Path unpack(String role) {
        Path root = dir.resolve(role);
        Run.of(Run.Duration.seconds(60), List.of("dpkg-deb", "-x", PackagesIT.deb(role, "arm64").toString(), root.toString())).ok();
        return root.resolve("usr/share/counterline/" + role + "/lib");
    }

    @Test
    void callerLibraries_loadTheirNativeCode_onAarch64() {
        List<String> java = arm64Java();
        Path lib = unpack("caller");
        List<String> cmd = new java.util.ArrayList<>(java);
        cmd.addAll(List.of("-cp", Path.of("target/test-classes").toAbsolutePath() + ":" + lib + "/*", NativeProbe.class.getName()));
        Run run = Run.of(Run.Duration.seconds(300), cmd);
        System.out.println("arm64 native probe:\n" + run.output());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("os.arch aarch64", "native true", "jSerialComm 2.11.4", "gpiod native:")
                .doesNotContain("UnsatisfiedLinkError");
    }

    @Test
    void serverPackage_startsHeadless_onAarch64() throws Exception {
        List<String> java = arm64Java();
        Path lib = unpack("server");
        int port = FreePort.find();
        Path config = dir.resolve("server.conf");
        Files.writeString(config, Files.readString(Path.of("packages/server/server.conf.template"))
                .replace("@BRANCH@", "b001").replace("@BRANCH_NAME@", "arm64 smoke")
                .replace("@SERVER_SECRET@", "server-secret-0001")
                .replace("/var/lib/counterline/server", dir.resolve("data").toString())
                .replace("host = \"0.0.0.0\", port = 1883", "host = \"127.0.0.1\", port = " + port));
        List<String> cmd = new java.util.ArrayList<>(java);
        cmd.addAll(List.of("-cp", lib + "/*", "io.counterline.server.BranchServerMain", "--config", config.toString()));
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !server.isAlive() || Files.readString(log).contains("served over tcp://127.0.0.1:" + port));
            String text = Files.readString(log);
            System.out.println("arm64 server:\n" + text);
            assertThat(server.isAlive()).as(text).isTrue();
            assertThat(text).contains("store " + dir.resolve("data/branch.db") + " open", "embedded broker listening on 127.0.0.1:" + port);
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

}
