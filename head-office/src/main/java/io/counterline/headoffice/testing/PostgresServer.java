package io.counterline.headoffice.testing;

import io.counterline.testing.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 from Debian's binaries: {@code initdb} into a fresh directory, started on
 * a free loopback port with its socket in that directory, so a system PostgreSQL is never used.
 * As root (CI) the server runs as the {@code postgres} user, because PostgreSQL refuses root.
 * Used by the tests and by the head-office benchmark ({@code ./counterline bench head-office}).
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    /** Debian's {@code postgresql-15}; tests check it first to skip or fail with its name. */
    public static final Path INITDB = BIN.resolve("initdb");
    public static final String USER = "counterline";
    public static final String PASSWORD = "counterline-test-pw";
    public static final String DATABASE = "headoffice";

    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgres = "root".equals(System.getProperty("user.name"));
    }

    public static PostgresServer start() throws Exception {
        Commands.require(INITDB, "postgresql-15");
        // Not under the test's @TempDir: the postgres user must be able to reach it.
        Path dir = Files.createTempDirectory("counterline-pg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        PostgresServer pg = new PostgresServer(dir, FreePort.find());
        try {
            pg.init();
            pg.startServer();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port + "/postgres",
                    USER, PASSWORD); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            return pg;
        } catch (Exception | Error e) {
            pg.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The postmaster's process id (its backends are its children), for the benchmark's CPU shares. */
    public long pid() throws java.io.IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    public Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    private void init() throws Exception {
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (asPostgres) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
            Files.setOwner(pwfile, postgres);
        }
        run(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                "-A", "scram-sha-256", "-E", "UTF8", "--no-sync");
    }

    private void startServer() throws Exception {
        run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
    }

    /** Stops at once (as a crash would); {@link #restart} brings it back on the same data and port. */
    public void kill() throws Exception {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            run(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        }
    }

    public void restart() throws Exception {
        startServer();
    }

    private void run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        Commands.run(new ProcessBuilder(cmd).directory(dir.toFile()), 90);
    }

    @Override
    public void close() throws Exception {
        try {
            kill();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
