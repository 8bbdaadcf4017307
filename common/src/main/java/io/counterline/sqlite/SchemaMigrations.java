package io.counterline.sqlite;

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
 * A versioned SQLite schema: migration {@code n} is the n-th class-path script, applied once, in
 * order, each in its own transaction with the version bump, so a crash mid-migration leaves the
 * previous version intact. Statements end with ";" at the end of a line (a trigger body keeps
 * its inner ";" on one line). Append scripts only; never edit a released one.
 */
public final class SchemaMigrations {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private SchemaMigrations() {
    }

    /**
     * @param what names the file in messages, e.g. "console.db"
     * @return the schema version now
     * @throws SQLException when the file is newer than this build, or a script fails
     */
    public static int apply(Connection db, List<String> scripts, String what) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            s.execute("INSERT INTO schema_version SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)");
        }
        int current;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            rs.next();
            current = rs.getInt(1);
        }
        if (current > scripts.size()) {
            throw new SQLException(what + " has schema version " + current + " but this build knows only "
                    + scripts.size() + ": run the newer build, or restore a backup");
        }
        for (int v = current + 1; v <= scripts.size(); v++) {
            String script = read(scripts.get(v - 1));
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                for (String sql : script.split(";\\s*(\\n|$)")) {
                    if (!sql.strip().isEmpty()) {
                        s.execute(sql);
                    }
                }
                s.execute("UPDATE schema_version SET version = " + v);
                db.commit();
                log.info("{} schema migrated to version {}", what, v);
            } catch (SQLException e) {
                db.rollback();
                throw new SQLException("migration " + scripts.get(v - 1) + " failed: " + e.getMessage(), e);
            } finally {
                db.setAutoCommit(true);
            }
        }
        return scripts.size();
    }

    private static String read(String resource) throws SQLException {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new SQLException("migration " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration " + resource, e);
        }
    }
}
