package io.counterline.headoffice.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head-office schema as numbered SQL files applied once each, in order, in their own
 * transaction. Several ingest workers may start at once: an advisory lock lets one migrate and
 * the others find the work done.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    /** Listed, not scanned: a jar has no directory listing. Append only; never edit a released one. */
    static final List<String> FILES = List.of("V1__facts.sql", "V3__console.sql", "V4__downlink.sql");
    private static final long LOCK_KEY = 0x436c48514d6967L; // "ClHQMig"

    private Migrations() {
    }

    static void apply(Connection db) throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version int PRIMARY KEY, name text NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            // The version is the file's number (V3__… is 3), and each file not yet applied is, in
            // order: parallel branches number their files apart, so a gap may be filled later.
            java.util.Set<Integer> applied = new java.util.HashSet<>();
            try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
                while (rs.next()) {
                    applied.add(rs.getInt(1));
                }
            }
            for (String name : FILES) {
                int v = Integer.parseInt(name.substring(1, name.indexOf("__")));
                if (applied.contains(v)) {
                    continue;
                }
                s.execute(read(name));
                try (PreparedStatement ps = db.prepareStatement(
                        "INSERT INTO schema_version(version, name) VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, name);
                    ps.executeUpdate();
                }
                log.info("head-office schema migrated to {} ({})", v, name);
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/head-office/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
