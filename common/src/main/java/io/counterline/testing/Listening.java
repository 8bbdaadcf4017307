package io.counterline.testing;

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
        boolean up;
        try {
            up = Poll.until(PATIENCE, Duration.ofMillis(50), () -> !process.isAlive() || ready.getAsBoolean());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " not awaited: interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(name + " not awaited: " + e.getMessage(), e);
        }
        if (!up) {
            throw new IllegalStateException(name + " did not start listening on " + port + ": " + log.get());
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
