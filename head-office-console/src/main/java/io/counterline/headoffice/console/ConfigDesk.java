package io.counterline.headoffice.console;

import io.counterline.protocol.ConfigDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration down-link as the head-office console sees it in PostgreSQL: a new version of
 * a branch's document is stored here (the ingest workers publish it to the cluster), and each
 * branch's published version is shown beside what the branch last reported running.
 */
final class ConfigDesk {
    /**
     * A branch's down-link now.
     *
     * @param published the newest version stored for it (0: none)
     * @param sentAt    when a worker last published it to the cluster (null: not yet)
     * @param reportedAt the time of the branch's newest report (null: none yet)
     */
    record Line(String branch, long published, String publishedBy, Instant publishedAt, Instant sentAt, long running,
                long pending, String waitingFor, long refused, String reason, Instant reportedAt) {
    }

    private final NetworkStore store;

    ConfigDesk(NetworkStore store) {
        this.store = store;
    }

    /** The down-link of every branch named, in their order. */
    List<Line> lines(List<String> branches) throws SQLException {
        Map<String, Line> out = new LinkedHashMap<>();
        branches.forEach(b -> out.put(b, new Line(b, 0, "", null, null, 0, 0, "", 0, "", null)));
        try (Connection db = store.connection(); PreparedStatement ps = db.prepareStatement(
                "SELECT b.branch, c.version, c.published_by, c.published_at, c.sent_at, r.running, r.pending,"
                        + " r.waiting_for, r.refused, r.reason, r.reported_at"
                        + " FROM unnest(?::text[]) AS b(branch)"
                        + " LEFT JOIN LATERAL (SELECT * FROM branch_configs WHERE branch = b.branch"
                        + " ORDER BY version DESC LIMIT 1) c ON true"
                        + " LEFT JOIN branch_config_reports r ON r.branch = b.branch")) {
            ps.setArray(1, db.createArrayOf("text", branches.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Line(rs.getString(1), rs.getLong(2), text(rs.getString(3)),
                            instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getLong(6), rs.getLong(7),
                            text(rs.getString(8)), rs.getLong(9), text(rs.getString(10)),
                            instant(rs.getTimestamp(11))));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** The newest document stored for {@code branch}, as indented JSON. */
    Optional<String> newest(String branch) throws SQLException {
        try (Connection db = store.connection(); PreparedStatement ps = db.prepareStatement(
                "SELECT document::text FROM branch_configs WHERE branch = ? ORDER BY version DESC LIMIT 1")) {
            ps.setString(1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(ConfigDocument.of(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(rs.getString(1))).orThrow().pretty());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("stored configuration of " + branch + " is not JSON", e);
            }
        }
    }

    /**
     * Stores {@code doc} as {@code branch}'s next version: one more than the newest head office holds
     * or the branch last reported (running, pending or refused), so that a branch already past head
     * office's numbers (its database restored from an older backup) does not ignore it as old. A
     * lock per branch keeps two publishers from taking the same number.
     *
     * @return the version stored
     */
    long publish(String branch, ConfigDocument doc, String by) throws SQLException {
        try (Connection db = store.connection()) {
            db.setAutoCommit(false);
            try {
                try (PreparedStatement lock = db.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, "branch_configs|" + branch);
                    lock.execute();
                }
                long version;
                try (PreparedStatement ps = db.prepareStatement(
                        "SELECT greatest(coalesce((SELECT max(version) FROM branch_configs WHERE branch = ?), 0),"
                                + " coalesce((SELECT greatest(running, pending, refused) FROM branch_config_reports"
                                + " WHERE branch = ?), 0)) + 1")) {
                    ps.setString(1, branch);
                    ps.setString(2, branch);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        version = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO branch_configs (branch, version, document,"
                        + " published_by) VALUES (?, ?, ?::jsonb, ?)")) {
                    ps.setString(1, branch);
                    ps.setLong(2, version);
                    ps.setString(3, doc.as(branch, version).toJson().toString());
                    ps.setString(4, by);
                    ps.executeUpdate();
                }
                db.commit();
                return version;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
