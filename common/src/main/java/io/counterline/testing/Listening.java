package io.counterline.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a server process (a broker) to accept connections on a loopback port. */
public final class Listening {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Listening() {
    }

    /**
     * Returns once {@code process} accepts on 127.0.0.1:{@code port}.
     *
     * @throws IllegalStateException naming the process and quoting its log, when it exits or never listens
     */
    public static void await(String name, Process process, int port, Supplier<String> log) {
        await(name, process, port, () -> accepts(port), log);
    }

    /** As {@link #await(String, Process, int, Supplier)}, ready once {@code ready} says so. */
    public static void await(String name, Process process, int port, BooleanSupplier ready, Supplier<String> log) {
        try {
            org.awaitility.Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || ready.getAsBoolean());
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " did not start listening on " + port + ": " + log.get(), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited at start: " + log.get());
        }
    }

    public static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
