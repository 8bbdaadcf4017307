package io.counterline.pad;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto for one test: loopback only, anonymous, nothing kept on disk. Deliberately
 * minimal (no ACLs, no passwords); the branch server's test-jar has the broker with the real
 * access rules. Missing binary: the test is skipped with a message, or fails when {@code CI=true}.
 */
final class MosquittoProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private MosquittoProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static MosquittoProcess start(Path dir) throws IOException {
        Path binary = binary();
        int port = freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Path log = dir.resolve("mosquitto.log");
        // "user": as root, Mosquitto would otherwise switch to user mosquitto.
        Files.writeString(conf, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                log_dest stdout
                user %s
                """.formatted(port, System.getProperty("user.name")));
        Process p = new ProcessBuilder(binary.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        MosquittoProcess broker = new MosquittoProcess(p, port, log);
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !p.isAlive() || broker.accepts());
        } catch (RuntimeException e) {
            broker.close();
            throw new IllegalStateException("mosquitto did not listen on " + port + ": " + broker.logText(), e);
        }
        if (!p.isAlive()) {
            throw new IllegalStateException("mosquitto exited at start: " + broker.logText());
        }
        return broker;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path binary() {
        Optional<Path> found = Stream.concat(Stream.of("/usr/sbin"),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "mosquitto")).filter(Files::isExecutable).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String msg = "mosquitto is not installed: apt-get install mosquitto";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg + " (CI=true, so this is a failure, not a skip)");
        }
        System.err.println("SKIPPED: " + msg);
        Assumptions.abort(msg);
        throw new AssertionError("unreachable");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
