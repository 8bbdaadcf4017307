package io.counterline.headoffice.testing;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Address;
import io.counterline.headoffice.ingest.IngestMain;
import io.counterline.server.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** An ingest worker in its own JVM, as in production, so a test can SIGKILL it. */
public final class IngestProcess implements AutoCloseable {
    private final Path config;
    private final Path log;
    private Process process;

    public IngestProcess(Path dir, String name, List<Address> amqp, String user, String password, String jdbcUrl)
            throws Exception {
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
                  batch = 200
                }
                """.formatted(amqp.stream().map(a -> "\"" + a.getHost() + ":" + a.getPort() + "\"")
                        .collect(Collectors.joining(", ")), user, password, jdbcUrl,
                PostgresServer.USER, PostgresServer.PASSWORD));
    }

    public IngestProcess start() throws Exception {
        Files.deleteIfExists(log);
        process = JavaProcess.start(IngestMain.class, List.of(config.toString()), log);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || (Files.exists(log)
                            && Files.readString(log).contains("ingest worker running")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("ingest worker did not start: " + logText(), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("ingest worker exited: " + logText());
        }
        return this;
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
