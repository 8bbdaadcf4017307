package io.counterline.headoffice.store;

import io.counterline.headoffice.ingest.Fact;
import io.counterline.protocol.ConfigReport;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.EventType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest worker's half of the configuration down-link, over the fact store's connection:
 * which documents to publish to the branches. A new version is claimed by one worker (its
 * {@code sent_at} set in the same statement) and published once; after that a version is published
 * again only when the branch reports running an older one without having it pending or refused —
 * a message lost with a node, or a branch that was away. So a branch converges whatever was lost,
 * and a branch that is away gets no pile of copies (it reports when it connects).
 */
public final class ConfigVersions {
    /** A document to publish on a branch's configuration topic. */
    public record Publication(String branch, long version, byte[] document) {
    }

    private final Connection db;

    ConfigVersions(Connection db) {
        this.db = db;
    }

    /** Claims the versions no worker has published yet; of each branch's only its newest is returned. */
    public List<Publication> claimNew() throws SQLException {
        Map<String, Publication> newest = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement("UPDATE branch_configs SET sent_at = now()"
                + " WHERE sent_at IS NULL RETURNING branch, version, document::text");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Publication p = publication(rs);
                newest.merge(p.branch(), p, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        return List.copyOf(newest.values());
    }

    /**
     * Keeps the configuration reports among {@code committed} (each branch's newest by fact time)
     * and returns the newest version of each branch whose report lags behind it.
     */
    public List<Publication> reported(List<Fact> committed) throws SQLException {
        Map<String, Publication> again = new LinkedHashMap<>();
        for (Fact f : committed) {
            if (f.envelope().type() != EventType.BRANCH_CONFIG
                    || !(ConfigReport.of(f.envelope().body()) instanceof Decoded.Accepted<ConfigReport> a)) {
                continue;
            }
            ConfigReport r = a.message();
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO branch_config_reports AS r (branch, running,"
                    + " pending, waiting_for, refused, reason, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (branch) DO UPDATE SET running = excluded.running, pending = excluded.pending,"
                    + " waiting_for = excluded.waiting_for, refused = excluded.refused, reason = excluded.reason,"
                    + " reported_at = excluded.reported_at WHERE r.reported_at <= excluded.reported_at")) {
                ps.setString(1, f.branch());
                ps.setLong(2, r.running());
                ps.setLong(3, r.pending());
                ps.setString(4, String.join(",", r.waitingFor()));
                ps.setLong(5, r.refused());
                ps.setString(6, r.reason().replace('\0', '?'));
                ps.setTimestamp(7, Timestamp.from(f.envelope().at()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("UPDATE branch_configs c SET sent_at = now()"
                    + " FROM branch_config_reports r WHERE c.branch = ? AND r.branch = c.branch"
                    + " AND c.version = (SELECT max(version) FROM branch_configs WHERE branch = ?)"
                    + " AND c.sent_at IS NOT NULL AND c.version > r.running AND c.version <> r.pending"
                    + " AND c.version > r.refused RETURNING c.branch, c.version, c.document::text")) {
                ps.setString(1, f.branch());
                ps.setString(2, f.branch());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Publication p = publication(rs);
                        again.put(p.branch(), p);
                    }
                }
            }
        }
        return List.copyOf(again.values());
    }

    private static Publication publication(ResultSet rs) throws SQLException {
        return new Publication(rs.getString(1), rs.getLong(2), rs.getString(3).getBytes(StandardCharsets.UTF_8));
    }
}
