package io.counterline.headoffice.store;

import io.counterline.headoffice.ingest.Fact;
import io.counterline.protocol.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import io.counterline.protocol.MessageCodec;

/**
 * Head office's PostgreSQL: branch facts stored once each, in monthly partitions. One
 * connection, used by one ingest thread.
 */
public final class FactStore implements AutoCloseable {
    /** A refused message, kept for the operators. */
    public record Refusal(String routingKey, String reason, String payloadHead) {
    }

    private static final int PAYLOAD_HEAD = 512;

    private final Connection db;
    private final MessageCodec codec = new MessageCodec();
    private final Set<YearMonth> partitions = new HashSet<>();

    private FactStore(Connection db) {
        this.db = db;
    }

    /** Connects and brings the schema up to date. */
    public static FactStore open(String jdbcUrl, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "60");
        p.setProperty("ApplicationName", "counterline-ingest");
        Connection db = DriverManager.getConnection(jdbcUrl, p);
        try {
            Migrations.apply(db);
            return new FactStore(db);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Stores the facts and refusals of one batch in one transaction, each fact at most once.
     * Returns only after the commit: then, and only then, may the branch be told.
     *
     * @return how many facts were new
     */
    public int store(List<Fact> facts, List<Refusal> refusals) throws SQLException {
        for (Fact f : facts) {
            ensurePartition(YearMonth.from(f.envelope().at().atOffset(ZoneOffset.UTC)));
        }
        db.setAutoCommit(false);
        try {
            int inserted = 0;
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO facts(branch, boot, seq, id, type, at, body)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING")) {
                for (Fact f : facts) {
                    EventEnvelope e = f.envelope();
                    ps.setString(1, f.branch());
                    ps.setLong(2, e.boot());
                    ps.setLong(3, e.seq());
                    ps.setString(4, e.id());
                    ps.setString(5, e.type().wire());
                    ps.setTimestamp(6, Timestamp.from(e.at()));
                    ps.setString(7, new String(codec.encodeBody(e.body()), StandardCharsets.UTF_8));
                    ps.addBatch();
                }
                for (int n : ps.executeBatch()) {
                    inserted += Math.max(n, 0);
                }
            }
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT INTO refused_facts(routing_key, reason, payload_head) VALUES (?, ?, ?)")) {
                for (Refusal r : refusals) {
                    ps.setString(1, head(r.routingKey(), 255));
                    ps.setString(2, head(r.reason(), 1000));
                    ps.setString(3, head(r.payloadHead(), PAYLOAD_HEAD));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            db.commit();
            return inserted;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** Creates a month's partition once; concurrent workers serialise on an advisory lock. */
    private void ensurePartition(YearMonth month) throws SQLException {
        if (partitions.contains(month)) {
            return;
        }
        String name = "facts_p%04d%02d".formatted(month.getYear(), month.getMonthValue());
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(hashtext('" + name + "'))");
            s.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF facts FOR VALUES FROM ('"
                    + month.atDay(1) + " 00:00:00+00') TO ('" + month.plusMonths(1).atDay(1) + " 00:00:00+00')");
            db.commit();
            partitions.add(month);
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** Nul bytes are not allowed in PostgreSQL text; a refusal keeps a printable head only. */
    private static String head(String s, int max) {
        String clean = s.replace('\0', '?');
        return clean.length() > max ? clean.substring(0, max) : clean;
    }

    public static String payloadHead(byte[] payload) {
        return head(new String(payload, 0, Math.min(payload.length, PAYLOAD_HEAD * 4), StandardCharsets.UTF_8),
                PAYLOAD_HEAD);
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the caller reconnects
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}
