package io.counterline.headoffice.console;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the head-office console reads from and writes to PostgreSQL: the branch register, the
 * targets, the Spring Festival table, the daily rollups ({@link Rollup}) and today's facts for
 * the live status. A small pool: pages run concurrently; each query is one statement.
 */
public final class NetworkStore implements AutoCloseable {
    /** How long the live status and the branch register are reused before being read again. */
    static final Duration STATUS_FOR = Duration.ofSeconds(5);
    static final Duration REGISTER_FOR = Duration.ofSeconds(30);
    private static final int CACHED_PERIODS = 512;

    private final HikariDataSource pool;
    /**
     * Sums over periods, valid while the rollups are unchanged: any rebuild changes
     * {@code rollup_days}, whose newest build time and row count are checked on every read.
     */
    private final Map<String, Object> sums = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String sumsVersion = "";
    private volatile Timed<List<Branch>> register;
    private volatile Timed<Map<String, Status>> status;

    private record Timed<T>(Instant at, String key, T value) {
        boolean fresh(Duration d, String k) {
            return key.equals(k) && at.plus(d).isAfter(Instant.now());
        }
    }

    @FunctionalInterface
    interface Read<T> {
        T get() throws Exception;
    }

    public record Branch(String id, String name, String region, String sizeGroup) {
    }

    public record TellerTotals(String branch, String teller, long served, long good, long rated) {
    }

    public record Target(String branch, Measure measure, double value, String setBy, Instant setAt) {
    }

    /**
     * A branch now, from its facts of today.
     *
     * @param lastFact     the time of its newest fact in the last day; null if none
     * @param openCounters counters holding a ticket called or in service now
     */
    public record Status(String branch, Instant lastFact, long issued, long served, long waiting, long openCounters) {
    }

    public NetworkStore(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(poolSize);
        c.setPoolName("hq-console");
        c.setConnectionTimeout(10_000);
        c.addDataSourceProperty("ApplicationName", "counterline-hq-console");
        c.addDataSourceProperty("socketTimeout", "60");
        this.pool = new HikariDataSource(c);
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public List<Branch> branches() throws SQLException {
        Timed<List<Branch>> r = register;
        if (r != null && r.fresh(REGISTER_FOR, "")) {
            return r.value();
        }
        List<Branch> read = readBranches();
        register = new Timed<>(Instant.now(), "", read);
        return read;
    }

    private List<Branch> readBranches() throws SQLException {
        List<Branch> out = new ArrayList<>();
        try (Connection db = pool.getConnection(); PreparedStatement ps = db.prepareStatement(
                "SELECT branch, name, region, size_group FROM branches ORDER BY branch"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Branch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return List.copyOf(out);
    }

    public Optional<Branch> branch(String id) throws SQLException {
        return branches().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** Each branch's sums over the business days {@code from}..{@code to}; a branch without rows is absent. */
    public Map<String, Totals> totals(LocalDate from, LocalDate to) throws SQLException {
        return cached("branches " + from + " " + to, () -> readTotals(from, to));
    }

    /** Every teller's sums over the days, per branch where they worked. */
    public List<TellerTotals> tellers(LocalDate from, LocalDate to) throws SQLException {
        return cached("tellers " + from + " " + to, () -> readTellers(from, to));
    }

    private <T> T cached(String key, Read<T> read) throws SQLException {
        try {
            return whileRollupsUnchanged(key, read);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What {@code read} gives for {@code key}, read once and reused until the rollups change
     * (any rebuild changes {@code rollup_days}, checked here on every call). The value must not be
     * changed by whoever gets it.
     */
    @SuppressWarnings("unchecked")
    <T> T whileRollupsUnchanged(String key, Read<T> read) throws Exception {
        String version;
        try (Connection db = pool.getConnection(); PreparedStatement ps = db.prepareStatement(
                "SELECT coalesce(max(built_at)::text, '') || '/' || count(*) FROM rollup_days");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            version = rs.getString(1);
        }
        if (!version.equals(sumsVersion) || sums.size() > CACHED_PERIODS) {
            sums.clear();
            sumsVersion = version;
        }
        Object hit = sums.get(key);
        if (hit != null) {
            return (T) hit;
        }
        T value = read.get();
        if (version.equals(sumsVersion)) {
            sums.put(key, value);
        }
        return value;
    }

    private Map<String, Totals> readTotals(LocalDate from, LocalDate to) throws SQLException {
        Map<String, Totals> out = new HashMap<>();
        try (Connection db = pool.getConnection(); PreparedStatement ps = db.prepareStatement(
                "SELECT branch, sum(issued), sum(served), sum(wait_sum_s), sum(wait_n), sum(good), sum(rated)"
                        + " FROM branch_day WHERE day BETWEEN ? AND ? GROUP BY branch")) {
            ps.setDate(1, Date.valueOf(from));
            ps.setDate(2, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Totals(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7)));
                }
            }
        }
        return Map.copyOf(out);
    }

    private List<TellerTotals> readTellers(LocalDate from, LocalDate to) throws SQLException {
        List<TellerTotals> out = new ArrayList<>();
        try (Connection db = pool.getConnection(); PreparedStatement ps = db.prepareStatement(
                "SELECT branch, teller, sum(served), sum(good), sum(rated) FROM teller_day WHERE day BETWEEN ? AND ?"
                        + " GROUP BY branch, teller")) {
            ps.setDate(1, Date.valueOf(from));
            ps.setDate(2, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TellerTotals(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5)));
                }
            }
        }
        return List.copyOf(out);
    }

    /** The month's targets, by branch and measure. */
    public Map<String, Map<Measure, Target>> targets(YearMonth month) throws SQLException {
        Map<String, Map<Measure, Target>> out = new LinkedHashMap<>();
        try (Connection db = pool.getConnection(); PreparedStatement ps = db.prepareStatement(
                "SELECT branch, measure, value, set_by, set_at FROM targets WHERE month = ? ORDER BY branch, measure")) {
            ps.setDate(1, Date.valueOf(month.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Measure m = Measure.of(rs.getString(2));
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(m, new Target(rs.getString(1),
                            m, rs.getBigDecimal(3).doubleValue(), rs.getString(4), rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }

    /** Sets (or replaces) a target; returns the value it replaced, for the audit log. */
    public Optional<Double> setTarget(String branch, YearMonth month, Measure measure, BigDecimal value, String by)
            throws SQLException {
        try (Connection db = pool.getConnection()) {
            db.setAutoCommit(false);
            try {
                Optional<Double> before = Optional.empty();
                try (PreparedStatement ps = db.prepareStatement("SELECT value FROM targets WHERE branch = ? AND month = ?"
                        + " AND measure = ? FOR UPDATE")) {
                    ps.setString(1, branch);
                    ps.setDate(2, Date.valueOf(month.atDay(1)));
                    ps.setString(3, measure.wire());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            before = Optional.of(rs.getBigDecimal(1).doubleValue());
                        }
                    }
                }
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO targets (branch, month, measure, value, set_by)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (branch, month, measure) DO UPDATE SET value = EXCLUDED.value,"
                        + " set_by = EXCLUDED.set_by, set_at = now()")) {
                    ps.setString(1, branch);
                    ps.setDate(2, Date.valueOf(month.atDay(1)));
                    ps.setString(3, measure.wire());
                    ps.setBigDecimal(4, value);
                    ps.setString(5, by);
                    ps.executeUpdate();
                }
                db.commit();
                return before;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    public Map<Integer, LocalDate> springFestival() throws SQLException {
        Map<Integer, LocalDate> out = new HashMap<>();
        try (Connection db = pool.getConnection(); PreparedStatement ps = db.prepareStatement(
                "SELECT year, day FROM spring_festival"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getDate(2).toLocalDate());
            }
        }
        return out;
    }

    /**
     * Every branch's status from its facts: tickets of business day {@code today} (their newest
     * version each), and the newest fact since {@code since}.
     */
    public Map<String, Status> status(LocalDate today, Instant since) throws SQLException {
        Timed<Map<String, Status>> st = status;
        if (st != null && st.fresh(STATUS_FOR, today.toString())) {
            return st.value();
        }
        Map<String, Status> read = readStatus(today, since);
        status = new Timed<>(Instant.now(), today.toString(), read);
        return read;
    }

    private Map<String, Status> readStatus(LocalDate today, Instant since) throws SQLException {
        Map<String, Status> out = new HashMap<>();
        try (Connection db = pool.getConnection(); PreparedStatement ps = db.prepareStatement(
                "WITH t AS (SELECT DISTINCT ON (branch, body->>'id') branch, body->>'status' AS status,"
                        + " body->>'counter' AS counter FROM facts WHERE type = 'branch.ticket' AND at >= ?"
                        + " AND body->>'day' = ? ORDER BY branch, body->>'id', boot DESC, seq DESC),"
                        + " c AS (SELECT branch, count(*) AS issued, count(*) FILTER (WHERE status = 'COMPLETED') AS served,"
                        + " count(*) FILTER (WHERE status = 'WAITING') AS waiting,"
                        + " count(DISTINCT counter) FILTER (WHERE status IN ('CALLED', 'SERVING')) AS open FROM t GROUP BY branch),"
                        + " l AS (SELECT branch, max(at) AS last_at FROM facts WHERE at >= ? GROUP BY branch)"
                        + " SELECT l.branch, l.last_at, c.issued, c.served, c.waiting, c.open FROM l LEFT JOIN c USING (branch)")) {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setString(2, today.toString());
            ps.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Status(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.close();
    }
}
