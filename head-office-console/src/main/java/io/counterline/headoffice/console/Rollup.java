package io.counterline.headoffice.console;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the daily rollups ({@code branch_day}, {@code teller_day}) exact: a business day's rows
 * are rebuilt whole from the facts in one transaction (delete, recompute from each ticket's newest
 * version and each rating's newest version, insert, note in {@code rollup_days}), never added to.
 * {@link #refresh} finds the days that got facts since the last pass (by {@code ingested_at},
 * looking back {@link #MARGIN} so that an ingest transaction still open during a rebuild is not
 * missed) and rebuilds them; a rebuilt day is therefore what a full recount would give.
 */
public final class Rollup {
    private static final Logger log = LoggerFactory.getLogger(Rollup.class);
    /** Longer than any ingest transaction (its socket timeout is 60 s). */
    static final Duration MARGIN = Duration.ofMinutes(2);

    private final NetworkStore store;
    private Instant lastPass = Instant.EPOCH;

    public Rollup(NetworkStore store) {
        this.store = store;
    }

    /** Rebuilds the day's rows from the facts; returns the tickets counted. */
    public long rebuild(LocalDate day) throws SQLException {
        try (Connection db = store.connection()) {
            db.setAutoCommit(false);
            try {
                Date d = Date.valueOf(day);
                // Facts of a business day are written on it or in the days around it (a late rating).
                exec(db, "CREATE TEMP TABLE day_tickets ON COMMIT DROP AS SELECT DISTINCT ON (branch, body->>'id')"
                        + " branch, body->>'id' AS id, body->>'status' AS status, body->>'teller' AS teller,"
                        + " (body->>'issuedAt')::timestamptz AS issued_at, (body->>'calledAt')::timestamptz AS called_at"
                        + " FROM facts WHERE type = 'branch.ticket' AND at >= ?::date - 1 AND at < ?::date + 3"
                        + " AND body->>'day' = ? ORDER BY branch, body->>'id', boot DESC, seq DESC", d, d, day.toString());
                exec(db, "CREATE TEMP TABLE day_ratings ON COMMIT DROP AS SELECT DISTINCT ON (f.branch, f.body->>'ticket')"
                        + " f.branch, f.body->>'teller' AS teller, f.body->>'level' AS level FROM facts f"
                        + " JOIN day_tickets t ON t.branch = f.branch AND t.id = f.body->>'ticket'"
                        + " WHERE f.type = 'branch.rating' AND f.at >= ?::date - 1 AND f.at < ?::date + 3"
                        + " ORDER BY f.branch, f.body->>'ticket', f.boot DESC, f.seq DESC", d, d);
                exec(db, "DELETE FROM branch_day WHERE day = ?", d);
                exec(db, "DELETE FROM teller_day WHERE day = ?", d);
                exec(db, "INSERT INTO branch_day (day, branch, issued, served, wait_sum_s, wait_n, good, rated)"
                        + " SELECT ?, t.branch, t.issued, t.served, t.wait_sum, t.wait_n, coalesce(r.good, 0), coalesce(r.rated, 0)"
                        + " FROM (SELECT branch, count(*) AS issued, count(*) FILTER (WHERE status = 'COMPLETED') AS served,"
                        + " coalesce(round(sum(extract(epoch FROM called_at - issued_at))), 0)::bigint AS wait_sum,"
                        + " count(called_at) AS wait_n FROM day_tickets GROUP BY branch) t"
                        + " LEFT JOIN (SELECT branch, count(*) FILTER (WHERE level IN ('very-satisfied', 'satisfied')) AS good,"
                        + " count(*) AS rated FROM day_ratings GROUP BY branch) r USING (branch)", d);
                exec(db, "INSERT INTO teller_day (day, branch, teller, served, good, rated)"
                        + " SELECT ?, branch, teller, coalesce(s.served, 0), coalesce(r.good, 0), coalesce(r.rated, 0)"
                        + " FROM (SELECT branch, teller, count(*) AS served FROM day_tickets WHERE status = 'COMPLETED'"
                        + " AND teller IS NOT NULL GROUP BY branch, teller) s"
                        + " FULL JOIN (SELECT branch, teller, count(*) FILTER (WHERE level IN ('very-satisfied', 'satisfied'))"
                        + " AS good, count(*) AS rated FROM day_ratings WHERE teller IS NOT NULL GROUP BY branch, teller) r"
                        + " USING (branch, teller)", d);
                long tickets;
                try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT (SELECT count(*) FROM day_tickets), (SELECT count(*) FROM day_ratings)")) {
                    rs.next();
                    tickets = rs.getLong(1);
                    exec(db, "INSERT INTO rollup_days (day, built_at, tickets, ratings) VALUES (?, now(), ?, ?)"
                            + " ON CONFLICT (day) DO UPDATE SET built_at = now(), tickets = EXCLUDED.tickets,"
                            + " ratings = EXCLUDED.ratings", d, tickets, rs.getLong(2));
                }
                db.commit();
                return tickets;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    /** Rebuilds every business day that got a ticket or rating fact since the last pass; returns them. */
    public synchronized List<LocalDate> refresh() throws SQLException {
        Instant since = lastPass.equals(Instant.EPOCH) ? Instant.EPOCH : lastPass.minus(MARGIN);
        TreeSet<LocalDate> days = new TreeSet<>();
        Instant started;
        try (Connection db = store.connection()) {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT now()")) {
                rs.next();
                started = rs.getTimestamp(1).toInstant();
            }
            // A rating counts on its ticket's business day: found through the ticket's facts, which
            // precede the rating by at most three days.
            try (PreparedStatement ps = db.prepareStatement("SELECT DISTINCT body->>'day' FROM facts"
                    + " WHERE ingested_at > ? AND type = 'branch.ticket' UNION SELECT t.body->>'day' FROM facts r"
                    + " JOIN facts t ON t.branch = r.branch AND t.type = 'branch.ticket' AND t.at > r.at - interval '3 days'"
                    + " AND t.at <= r.at AND t.body->>'id' = r.body->>'ticket'"
                    + " WHERE r.ingested_at > ? AND r.type = 'branch.rating'")) {
                ps.setTimestamp(1, Timestamp.from(since));
                ps.setTimestamp(2, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        days.add(LocalDate.parse(rs.getString(1)));
                    }
                }
            }
        }
        for (LocalDate day : days) {
            rebuild(day);
        }
        if (!days.isEmpty()) {
            log.info("rollup: rebuilt {} day(s) {}..{}", days.size(), days.first(), days.last());
        }
        lastPass = started;
        return new ArrayList<>(days);
    }

    private static void exec(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }
}
