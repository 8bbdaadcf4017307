package io.counterline.demo.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.outbox.OutboxException;
import io.counterline.protocol.DeviceRole;
import io.counterline.server.config.BranchConfig;
import io.counterline.config.PinHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The branch the benchmark runs: written as real config files under one temporary folder, with
 * the broker on a loopback port. Counter c1 (service B) has caller-1 and pad-1 for the rating
 * path; counter c2 (service A) has caller-2 for the call path; kiosk slips take service C;
 * services E..T are spread over the kiosks of the throughput run so no service runs out of its
 * 9,999 numbers.
 */
final class BenchBranch {
    static final String BRANCH = "b001";
    static final String SERVER = "server";
    static final int KIOSKS = 16;
    static final String PIN = "1234";
    /** Services only the throughput run issues, one letter each. */
    static final List<String> BULK_SERVICES = IntStream.rangeClosed('E', 'T').mapToObj(c -> String.valueOf((char) c))
            .toList();

    private final Path dir;
    private final String brokerUri;

    BenchBranch(Path dir, String brokerUri) {
        this.dir = dir;
        this.brokerUri = brokerUri;
    }

    static String secretOf(String id) {
        return id + "-secret-0001";
    }

    static String kiosk(int n) {
        return "kiosk-" + n;
    }

    Path dir() {
        return dir;
    }

    String brokerUri() {
        return brokerUri;
    }

    /** The server's configuration, its store in {@code dataDir}, the broker external (started by the bench). */
    BranchConfig server(Path dataDir) {
        return BranchConfig.load(write("branch-" + dataDir.getFileName() + ".conf", branchHocon(dataDir,
                "external", 0)));
    }

    /** As {@link #server}, with the web console on a free loopback port. */
    BranchConfig serverWithConsole(Path dataDir) {
        return BranchConfig.load(write("branch-" + dataDir.getFileName() + ".conf", branchHocon(dataDir,
                "external", 0) + "console { listen = \"127.0.0.1:0\" }\n"));
    }

    /** The same branch for a server in its own JVM that runs its own embedded broker on {@code port}. */
    Path serverFileWithEmbeddedBroker(Path dataDir, int port) {
        return write("branch-embedded.conf", branchHocon(dataDir, "embedded", port));
    }

    /** The same branch for a server in its own JVM on the bench's broker. */
    Path serverFileOnBenchBroker(Path dataDir) {
        return write("branch-external.conf", branchHocon(dataDir, "external", 0));
    }

    private String branchHocon(Path dataDir, String mode, int port) {
        StringBuilder c = new StringBuilder();
        c.append("branch { id = ").append(BRANCH).append(", name = \"基准支行 Bench Branch\", zone = \"Asia/Shanghai\" }\n");
        c.append("server { id = ").append(SERVER).append(", secret = \"").append(secretOf(SERVER))
                .append("\", data-dir = \"").append(dataDir).append("\" }\n");
        c.append("broker { mode = ").append(mode).append(", embedded { host = \"127.0.0.1\", port = ")
                .append(port == 0 ? 1883 : port).append(" }, external { uri = \"").append(brokerUri).append("\" } }\n");
        c.append("services = [\n");
        List<String> all = new ArrayList<>(List.of("A", "B", "C", "D"));
        all.addAll(BULK_SERVICES);
        for (String s : all) {
            c.append("  { id = ").append(s).append(", prefix = ").append(s).append(", name-zh = \"业务").append(s)
                    .append("\", name-en = \"Service ").append(s).append("\", last = 9999 }\n");
        }
        c.append("]\ncounters = [\n");
        c.append("  { id = c1, number = \"1\", name-zh = \"1号窗口\", name-en = \"Counter 1\", services = [{ service = B }] }\n");
        c.append("  { id = c2, number = \"2\", name-zh = \"2号窗口\", name-en = \"Counter 2\", services = [{ service = A }] }\n");
        c.append("]\ntellers = [\n");
        String hash = PinHash.hash(PIN);
        c.append("  { id = t01, name = \"王芳\", employee-no = E1001, pin-hash = \"").append(hash).append("\" }\n");
        c.append("  { id = t02, name = \"李娜\", employee-no = E1002, pin-hash = \"").append(hash).append("\" }\n");
        c.append("]\ndevices = [\n");
        for (int k = 1; k <= KIOSKS; k++) {
            device(c, kiosk(k), "kiosk", null);
        }
        device(c, "caller-1", "counter-caller", "c1");
        device(c, "caller-2", "counter-caller", "c2");
        device(c, "pad-1", "rating-pad", "c1");
        device(c, "hall-1", "hall-display", null);
        device(c, "drain-1", "kiosk", null);
        device(c, "ping-1", "kiosk", null);
        c.append("]\n");
        return c.toString();
    }

    private static void device(StringBuilder c, String id, String role, String counter) {
        c.append("  { id = ").append(id).append(", role = ").append(role)
                .append(counter == null ? "" : ", counter = " + counter)
                .append(", secret = \"").append(secretOf(id)).append("\" }\n");
    }

    /** The {@code device} and {@code broker} blocks every app reads, for device {@code id}. */
    String deviceHocon(String id) {
        return """
                device { id = %s, branch = %s, data-dir = "%s", request-timeout = 5s, resend-after = 5s }
                broker { uri = "%s", secret = "%s", reconnect-initial = 100ms, reconnect-max = 1s }
                """.formatted(id, BRANCH, dir.resolve("devices").resolve(id), brokerUri, secretOf(id));
    }

    Config deviceConfig(String id) {
        return ConfigFactory.parseString(deviceHocon(id));
    }

    Path deviceDataDir(String id) {
        return dir.resolve("devices").resolve(id);
    }

    /** A real device runtime (Paho, outbox file) for {@code id}; returns at once, connecting. */
    DeviceRuntime runtime(String id, DeviceRole role) throws OutboxException {
        return DeviceRuntime.start(DeviceSettings.from(deviceConfig(id), role), Clock.systemUTC());
    }

    Path write(String name, String hocon) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), hocon);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
