package io.counterline.headoffice.store;

import io.counterline.headoffice.ingest.Fact;
import io.counterline.protocol.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Reconcile;

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
            int inserted = insertNew(facts);
            inserted += storeResent(facts);
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

    /**
     * The facts of a batch (all but those sent again) in one statement: one array per column,
     * unnested into rows, so PostgreSQL parses, plans and round-trips once per batch, not per fact.
     */
    private int insertNew(List<Fact> facts) throws SQLException {
        List<Fact> fresh = facts.stream().filter(f -> !isResent(f)).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        int n = fresh.size();
        String[] branch = new String[n];
        Long[] boot = new Long[n];
        Long[] seq = new Long[n];
        String[] id = new String[n];
        String[] type = new String[n];
        String[] at = new String[n]; // ISO-8601 with Z: no JDBC time-zone conversion on the way
        String[] body = new String[n];
        for (int i = 0; i < n; i++) {
            EventEnvelope e = fresh.get(i).envelope();
            branch[i] = fresh.get(i).branch();
            boot[i] = e.boot();
            seq[i] = e.seq();
            id[i] = e.id();
            type[i] = e.type().wire();
            at[i] = e.at().toString();
            body[i] = new String(codec.encodeBody(e.body()), StandardCharsets.UTF_8);
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO facts(branch, boot, seq, id, type, at, body)"
                + " SELECT * FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[],"
                + " ?::timestamptz[], ?::jsonb[]) ON CONFLICT DO NOTHING")) {
            ps.setArray(1, db.createArrayOf("text", branch));
            ps.setArray(2, db.createArrayOf("int8", boot));
            ps.setArray(3, db.createArrayOf("int8", seq));
            ps.setArray(4, db.createArrayOf("text", id));
            ps.setArray(5, db.createArrayOf("text", type));
            ps.setArray(6, db.createArrayOf("text", at));
            ps.setArray(7, db.createArrayOf("text", body));
            return ps.executeUpdate();
        }
    }

    private void bindFact(PreparedStatement ps, Fact f) throws SQLException {
        EventEnvelope e = f.envelope();
        ps.setString(1, f.branch());
        ps.setLong(2, e.boot());
        ps.setLong(3, e.seq());
        ps.setString(4, e.id());
        ps.setString(5, e.type().wire());
        ps.setTimestamp(6, Timestamp.from(e.at()));
        ps.setString(7, new String(codec.encodeBody(e.body()), StandardCharsets.UTF_8));
    }

    /** A fact a branch sent again on head office's request (its door check made sure it has a key and a day). */
    private static boolean isResent(Fact f) {
        return f.envelope().body().has(Reconcile.RESENT);
    }

    /**
     * Facts sent again for reconciliation carry new outbox sequences, so their key cannot
     * recognise them: each is stored only when no fact of its branch, kind and natural key is
     * held, under a transaction lock on that key, so two workers never both store one.
     */
    private int storeResent(List<Fact> facts) throws SQLException {
        int inserted = 0;
        try (PreparedStatement lock = db.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))");
             PreparedStatement ps = db.prepareStatement("INSERT INTO facts(branch, boot, seq, id, type, at, body)"
                     + " SELECT ?, ?, ?, ?, ?, ?, ?::jsonb WHERE NOT EXISTS (SELECT 1 FROM facts"
                     + " WHERE branch = ? AND type = ? AND at >= ? AND " + NaturalKeys.SQL_KEY + " = ?)"
                     + " ON CONFLICT DO NOTHING")) {
            for (Fact f : facts) {
                if (!isResent(f)) {
                    continue;
                }
                EventEnvelope e = f.envelope();
                String key = NaturalKeys.key(e.type(), e.body()).orElseThrow();
                LocalDate day = NaturalKeys.day(e.type(), e.body()).orElseThrow();
                lock.setString(1, f.branch() + "|" + e.type().wire() + "|" + key);
                lock.execute();
                bindFact(ps, f);
                ps.setString(8, f.branch());
                ps.setString(9, e.type().wire());
                ps.setTimestamp(10, startOf(day.minusDays(NaturalKeys.DAYS_BEFORE)));
                ps.setString(11, key);
                inserted += ps.executeUpdate();
            }
        }
        return inserted;
    }

    /**
     * For reconciliation: how many distinct facts of each reconciled kind head office holds for
     * {@code branch} on {@code day}, counted by natural key as the branch counts them.
     */
    public Map<EventType, Long> heldCounts(String branch, LocalDate day) throws SQLException {
        Map<EventType, Long> out = new EnumMap<>(EventType.class);
        for (EventType kind : Reconcile.KINDS) {
            out.put(kind, 0L);
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT type, COUNT(DISTINCT " + NaturalKeys.SQL_KEY + ")"
                + " FROM facts WHERE branch = ? AND type = ANY (?) AND at >= ? AND " + NaturalKeys.SQL_DAY + " = ?"
                + " GROUP BY type")) {
            ps.setString(1, branch);
            ps.setArray(2, db.createArrayOf("text", Reconcile.KINDS.stream().map(EventType::wire).toArray()));
            ps.setTimestamp(3, startOf(day.minusDays(NaturalKeys.DAYS_BEFORE)));
            ps.setString(4, day.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(EventType.of(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
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

    /** The configuration down-link's versions and reports, on this store's connection. */
    public ConfigVersions configVersions() {
        return new ConfigVersions(db);
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
