package io.counterline.server.testing;

import io.counterline.server.config.BranchConfig;
import io.counterline.testing.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A branch configuration for tests, written to a real file: the server, a few devices with
 * their secrets, the store under {@code dir}, and the broker on a free loopback port.
 */
public final class TestBranch {
    public static final String BRANCH = "b001";
    public static final String SERVER = "server";
    public static final String SERVER_SECRET = "server-secret-0001";
    /** The branch's time zone (the calendar days of the console's pages). */
    public static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

    private final Path dir;
    private final int brokerPort;
    private final Map<String, String> devices = new LinkedHashMap<>();
    private final Map<String, String> roles = new LinkedHashMap<>();
    private final Map<String, String> counters = new LinkedHashMap<>();
    private String brokerMode = "embedded";
    private String extra = "";

    public TestBranch(Path dir) {
        this.dir = dir;
        this.brokerPort = FreePort.find();
        device("kiosk-1", "kiosk");
        device("kiosk-2", "kiosk");
        device("hall-1", "hall-display");
    }

    public TestBranch device(String id, String role) {
        devices.put(id, secretOf(id));
        roles.put(id, role);
        return this;
    }

    /** A device bound to a counter (counter callers and rating pads). */
    public TestBranch device(String id, String role, String counter) {
        device(id, role);
        counters.put(id, counter);
        return this;
    }

    /**
     * A small queue: services A and B, counters c1 (A weight 2, B weight 1) and c2 (B), tellers
     * t1 and t2 with PIN 1234, caller-1/pad-1 at c1 and caller-2 at c2. Call before {@link #write}.
     */
    public TestBranch withQueue() {
        device("caller-1", "counter-caller", "c1");
        device("caller-2", "counter-caller", "c2");
        device("pad-1", "rating-pad", "c1");
        return extra("""
                services = [
                  { id = A, prefix = A, name-zh = "个人业务", name-en = "Personal", last = 9999 }
                  { id = B, prefix = B, name-zh = "对公业务", name-en = "Business", last = 9999 }
                ]
                counters = [
                  { id = c1, number = "1", name-zh = "1号窗口", name-en = "Counter 1", services = [{ service = A, weight = 2 }, { service = B, weight = 1 }] }
                  { id = c2, number = "2", name-zh = "2号窗口", name-en = "Counter 2", services = [{ service = B, weight = 1 }] }
                ]
                tellers = [
                  { id = t1, name = "王芳", employee-no = E1001, pin-hash = "%1$s" }
                  { id = t2, name = "李娜", employee-no = E1002, pin-hash = "%1$s" }
                ]
                """.formatted(PIN_HASH));
    }

    /** The hash of PIN 1234. */
    public static final String PIN_HASH = io.counterline.config.PinHash.hash("1234");

    /** Server uses an external broker at {@link #brokerUri()} instead of starting one. */
    public TestBranch externalBroker() {
        brokerMode = "external";
        return this;
    }

    /** More HOCON appended to the file (services, counters, … in later tests). */
    public TestBranch extra(String hocon) {
        extra = extra + "\n" + hocon;
        return this;
    }

    public static String secretOf(String device) {
        return device + "-secret-0001";
    }

    public int brokerPort() {
        return brokerPort;
    }

    public String brokerUri() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    public Path dir() {
        return dir;
    }

    public Path write() {
        return write(brokerMode);
    }

    /** The same branch as the embedded broker's process reads it: broker.mode = embedded. */
    public Path writeForEmbeddedBroker() {
        return write("embedded");
    }

    private Path write(String mode) {
        StringBuilder c = new StringBuilder();
        c.append("branch { id = ").append(BRANCH).append(", name = \"测试支行 Test Branch\", zone = \"")
                .append(ZONE.getId()).append("\" }\n");
        c.append("server { id = ").append(SERVER).append(", secret = \"").append(SERVER_SECRET)
                .append("\", data-dir = \"").append(dir.resolve("server")).append("\" }\n");
        c.append("broker { mode = ").append(mode)
                .append(", embedded { host = \"127.0.0.1\", port = ").append(brokerPort).append(" }")
                .append(", external { uri = \"").append(brokerUri()).append("\" } }\n");
        c.append("devices = [\n");
        devices.forEach((id, secret) -> c.append("  { id = ").append(id).append(", role = ").append(roles.get(id))
                .append(counters.containsKey(id) ? ", counter = " + counters.get(id) : "")
                .append(", secret = \"").append(secret).append("\" }\n"));
        c.append("]\n").append(extra).append('\n');
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("branch-" + mode + ".conf");
            Files.writeString(file, c);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BranchConfig config() {
        return BranchConfig.load(write());
    }
}
