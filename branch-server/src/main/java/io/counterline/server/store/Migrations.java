package io.counterline.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema: migration {@code n} is the resource {@code db/V<n>__*.sql}, applied once, in
 * order, each in its own transaction with the version bump, so a crash mid-migration leaves the
 * previous version intact.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** The migrations in order; index 0 is version 1. Append only, never edit a released one. */
    static final List<String> SCRIPTS = List.of("db/V1__device_events.sql", "db/V2__queue.sql",
            "db/V3__arms_pads_and_pin_lockouts.sql");

    private Migrations() {
    }

    static int apply(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            s.execute("INSERT INTO schema_version SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)");
        }
        int current;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            rs.next();
            current = rs.getInt(1);
        }
        if (current > SCRIPTS.size()) {
            throw new SQLException("the store has schema version " + current + " but this build knows only "
                    + SCRIPTS.size() + ": run the newer build, or restore a backup");
        }
        for (int v = current + 1; v <= SCRIPTS.size(); v++) {
            String script = read(SCRIPTS.get(v - 1));
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                for (String sql : script.split(";\\s*(\\n|$)")) {
                    if (!sql.strip().isEmpty()) {
                        s.execute(sql);
                    }
                }
                s.execute("UPDATE schema_version SET version = " + v);
                db.commit();
                log.info("store schema migrated to version {}", v);
            } catch (SQLException e) {
                db.rollback();
                throw new SQLException("migration " + SCRIPTS.get(v - 1) + " failed: " + e.getMessage(), e);
            } finally {
                db.setAutoCommit(true);
            }
        }
        return SCRIPTS.size();
    }

    private static String read(String resource) throws SQLException {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new SQLException("migration " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration " + resource, e);
        }
    }
}
