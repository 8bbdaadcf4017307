package io.counterline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor shipped in the packages, on a pad unpacked into a directory (--root). */
class DoctorIT {
    @TempDir
    Path root;
    Path secret;

    @BeforeEach
    void unpackPad() throws IOException {
        Run.of(Run.Duration.seconds(60), List.of("dpkg-deb", "-x", PackagesIT.deb("pad", "arm64").toString(), root.toString())).ok();
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/gpiochip0"), "");
        Files.createDirectories(root.resolve("etc/counterline"));
        secret = root.resolve("etc/counterline/pad.secret.conf");
        Files.writeString(secret, "broker.secret = \"doctor-secret-0001\"\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private Run doctor(int brokerPort) throws IOException {
        Files.writeString(root.resolve("etc/counterline/pad.conf"),
                "device { id = pad-3, branch = b001, data-dir = \"" + root.resolve("var/lib/counterline/pad") + "\" }\n"
                        + "broker {\n  uri = \"tcp://127.0.0.1:" + brokerPort + "\"\n}\ninclude required(\"pad.secret.conf\")\n");
        Path doctor = root.resolve("usr/share/counterline/pad/doctor");
        assertThat(Files.isExecutable(doctor)).as("shipped executable in the package").isTrue();
        return Run.of(Run.Duration.seconds(120), List.of("bash", doctor.toString(), "--root", root.toString()));
    }

    @Test
    void doctor_namesWhatIsWrong_andHowToFixIt() throws IOException {
        try (ServerSocket broker = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Run run = doctor(broker.getLocalPort());
            System.out.println("doctor:\n" + run.output());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.output()).contains("Counterline doctor on", "pad",
                    "ok    broker 127.0.0.1:" + broker.getLocalPort() + " reachable",
                    "FIX   secret " + secret + " is mode 644", "chmod 600 " + secret,
                    "GPIO: " + root.resolve("dev/gpiochip0"),
                    "FIX   no time source set");
        }
    }

    @Test
    void doctor_unreachableBroker_saysWhereToLook() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run run = doctor(closed);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("FIX   broker 127.0.0.1:" + closed + " not reachable", "is the branch server up");
    }
}
