package io.counterline.console.signage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * What the hall displays reported showing ({@code signage.played} events), read from the branch
 * store's {@code device_events} over a read-only connection of its own. The engine accepts the
 * event only from hall displays; this page lists only the devices the host names as hall displays,
 * so an event a kiosk sent (refused by the engine but kept for audits) never shows as played.
 */
public final class ProofOfPlay implements AutoCloseable {
    /** One report: from {@code at}, {@code device} showed {@code body} (the event's JSON). */
    public record Played(String device, String at, String body) {
    }

    private final Path branchDb;
    private Connection db;

    private ProofOfPlay(Path branchDb) {
        this.branchDb = branchDb;
    }

    /** Opened at the first read: a console started before the branch store has nothing to show yet. */
    public static ProofOfPlay open(Path branchDb) {
        return new ProofOfPlay(branchDb);
    }

    private Connection db() throws SQLException {
        if (db == null) {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(5000);
            db = DriverManager.getConnection("jdbc:sqlite:" + branchDb.toAbsolutePath(), config.toProperties());
        }
        return db;
    }

    /** The newest {@code limit} reports of the given hall displays, newest first. */
    public synchronized List<Played> newest(List<String> hallDisplays, int limit) throws SQLException {
        List<Played> out = new ArrayList<>();
        if (hallDisplays.isEmpty() || !java.nio.file.Files.isRegularFile(branchDb)) {
            return out;
        }
        String in = String.join(",", hallDisplays.stream().map(d -> "?").toList());
        try (PreparedStatement ps = db().prepareStatement("SELECT device, at, body FROM device_events"
                + " WHERE type = 'signage.played' AND device IN (" + in + ") ORDER BY at DESC LIMIT ?")) {
            int i = 1;
            for (String d : hallDisplays) {
                ps.setString(i++, d);
            }
            ps.setInt(i, Math.max(1, Math.min(limit, 1000)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Played(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            if (db != null) {
                db.close();
            }
        } catch (SQLException e) {
            // closing at shutdown: nothing left to do
        }
    }
}
