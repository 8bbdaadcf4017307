package io.counterline.headoffice.testing;

import com.rabbitmq.client.Address;
import io.counterline.headoffice.ingest.IngestMain;
import io.counterline.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An ingest worker in its own JVM (this JVM's class path), as in production, so a test can
 * SIGKILL it and the benchmark can tell its CPU from the rest.
 */
public final class IngestProcess implements AutoCloseable {
    private final Path config;
    private final Path log;
    private Process process;

    public IngestProcess(Path dir, String name, List<Address> amqp, String user, String password, String jdbcUrl)
            throws Exception {
        this(dir, name, amqp, user, password, jdbcUrl, 200);
    }

    /** @param batch facts per PostgreSQL transaction */
    public IngestProcess(Path dir, String name, List<Address> amqp, String user, String password, String jdbcUrl,
                         int batch) throws Exception {
        this.config = dir.resolve(name + ".conf");
        this.log = dir.resolve(name + ".log");
        Files.writeString(config, """
                ingest {
                  amqp = [%s]
                  amqp-user = "%s"
                  amqp-password = "%s"
                  jdbc-url = "%s"
                  db-user = "%s"
                  db-password = "%s"
                  batch = %d
                }
                """.formatted(amqp.stream().map(a -> "\"" + a.getHost() + ":" + a.getPort() + "\"")
                        .collect(Collectors.joining(", ")), user, password, jdbcUrl,
                PostgresServer.USER, PostgresServer.PASSWORD, batch));
    }

    public IngestProcess start() throws Exception {
        Files.deleteIfExists(log);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), IngestMain.class.getName(), config.toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!Poll.until(Duration.ofSeconds(60), Duration.ofMillis(100), () -> !process.isAlive()
                || (Files.exists(log) && Files.readString(log).contains("ingest worker running")))) {
            throw new IllegalStateException("ingest worker did not start: " + logText());
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("ingest worker exited: " + logText());
        }
        return this;
    }

    /** The worker's process id (for its CPU time); -1 before its start. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (java.io.IOException e) {
            return "(unreadable log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
