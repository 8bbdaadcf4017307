package io.counterline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The one real Mosquitto for tests: its own process on a loopback port, nothing kept on disk,
 * which a test can SIGKILL and start again on the same port. {@link #anonymous} for a plain
 * broker; {@link #withConfig} for one with the branch's passwords and access rules. Missing
 * binary: the test is skipped with a message, or fails when {@code CI=true}.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path binary;
    private final int port;
    private final Path conf;
    private final Path log;
    private Process process;

    private Mosquitto(Path binary, int port, Path conf, Path log) {
        this.binary = binary;
        this.port = port;
        this.conf = conf;
        this.log = log;
    }

    /** An anonymous broker on a free loopback port, not started yet. */
    public static Mosquitto anonymous(Path dir) throws IOException {
        int port = FreePort.find();
        return withConfig(dir, port, "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
    }

    /**
     * A broker with {@code config} (which must open a listener on 127.0.0.1:{@code port}), not
     * started yet. Runs as whoever runs the test: as root, Mosquitto would otherwise switch to
     * user "mosquitto", who cannot read the test's files.
     */
    public static Mosquitto withConfig(Path dir, int port, String config) throws IOException {
        return withConfig(dir, port, config, "user " + System.getProperty("user.name") + "\n");
    }

    /**
     * As installed: started as root, Mosquitto drops to its own user before it reads the
     * password file, as on a server (only for a test that runs as root).
     */
    public static Mosquitto asInstalled(Path dir, int port, String config) throws IOException {
        return withConfig(dir, port, config, "");
    }

    private static Mosquitto withConfig(Path dir, int port, String config, String user) throws IOException {
        Path binary = Binaries.require("mosquitto", "mosquitto");
        Path conf = dir.resolve("mosquitto-test.conf");
        Files.writeString(conf, config + (config.endsWith("\n") ? "" : "\n")
                + user
                + "persistence false\n"
                + "log_dest stdout\n");
        return new Mosquitto(binary, port, conf, dir.resolve("mosquitto.log"));
    }

    /** Starts it and returns once it accepts connections. */
    public Mosquitto start() throws IOException {
        process = new ProcessBuilder(binary.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            Listening.await("mosquitto", process, port, this::logText);
        } catch (IllegalStateException e) {
            kill();
            throw e;
        }
        return this;
    }

    /** SIGKILL: no clean disconnect, nothing flushed. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("mosquitto survived SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing mosquitto", e);
            }
        }
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill();
    }
}
