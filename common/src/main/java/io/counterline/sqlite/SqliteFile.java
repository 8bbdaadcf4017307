package io.counterline.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an app's SQLite file the one way this project does: WAL, {@code synchronous=FULL} so
 * that a commit survives power loss, and {@code PRAGMA integrity_check} first. A corrupt file is
 * never deleted: it is moved aside (with its WAL and SHM) for a technician, and a new file is
 * started.
 */
public final class SqliteFile {
    private static final Logger log = LoggerFactory.getLogger(SqliteFile.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** An open connection, and where a corrupt predecessor was put, if there was one. */
    public record Opened(Connection connection, Optional<Path> movedAside) {
    }

    private SqliteFile() {
    }

    public static Opened open(Path file) throws SQLException {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new SQLException("cannot create folder " + file.getParent() + ": " + e.getMessage(), e);
        }
        Optional<Path> movedAside = Optional.empty();
        if (Files.exists(file)) {
            String problem = integrityProblem(file);
            if (problem != null) {
                Path aside = moveAside(file);
                log.error("{} failed its integrity check ({}); moved to {} and starting a new file", file, problem, aside);
                movedAside = Optional.of(aside);
            }
        }
        Connection c = connect(file);
        return new Opened(c, movedAside);
    }

    /**
     * Opens {@code file} as {@link #open} does and creates what {@code ddl} declares (each an
     * idempotent {@code CREATE … IF NOT EXISTS}); a corrupt predecessor is logged as an error
     * saying that {@code lost} (what the app forgets with it).
     */
    public static Connection openWith(Path file, String lost, String... ddl) throws SQLException {
        Opened opened = open(file);
        opened.movedAside().ifPresent(p -> log.error("{} was corrupt, moved to {}: {}", file.getFileName(), p, lost));
        Connection c = opened.connection();
        try (Statement s = c.createStatement()) {
            for (String statement : ddl) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA foreign_keys=ON");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** What is wrong with the file, or {@code null} when it is a sound database. */
    private static String integrityProblem(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            String first = rs.next() ? rs.getString(1) : "no answer";
            return "ok".equalsIgnoreCase(first) ? null : first;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static Path moveAside(Path file) throws SQLException {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(Instant.now()));
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new SQLException("cannot move corrupt " + file + " aside: " + e.getMessage(), e);
        }
        return aside;
    }
}
