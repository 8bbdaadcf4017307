package io.counterline.headoffice.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A network's year of figures made in SQL with generate_series (never row by row), for the
 * console benchmark and the demo's head office: the same shape as what the ingest and the
 * rollup write, so every page reads it as it reads real branches.
 */
public final class SampleNetwork {
    private SampleNetwork() {
    }

    /**
     * Branches {@code b0001…} in 20 regions ({@code r00…r19}) and 3 size groups, each with a
     * served target per month; rollup rows ({@code branch_day}, {@code teller_day}, 8 tellers a
     * branch, one never rated) for the days from {@code first} to before {@code firstFact}; raw
     * facts (each ticket's final version, a rating for seven in ten served) from {@code firstFact}
     * to {@code last}, for the console's own rollup to count. About {@code visits} a day each.
     */
    public static void generate(Connection db, int branches, LocalDate first, LocalDate firstFact, LocalDate last,
                                int visits) throws Exception {
        exec(db, "INSERT INTO branches SELECT 'b' || lpad(i::text, 4, '0'), '网点 ' || i, 'r' || lpad((i % 20)::text, 2, '0'),"
                + " (ARRAY['small', 'medium', 'large'])[1 + i % 3] FROM generate_series(1, ?) i ON CONFLICT DO NOTHING",
                branches);
        exec(db, "INSERT INTO targets (branch, month, measure, value, set_by) SELECT branch, m::date, 'served', ?, 'bench'"
                + " FROM branches, generate_series(date_trunc('month', ?::date), ?::date, '1 month') m ON CONFLICT DO NOTHING",
                visits * 27, first, last);
        // v: the day's visits of branch i, varying by branch and day around the mean.
        String v = "(? - 20 + ((i * 31 + (d - DATE '2000-01-01') * 17) % 41))";
        if (first.isBefore(firstFact)) {
            exec(db, "INSERT INTO branch_day (day, branch, issued, served, wait_sum_s, wait_n, good, rated)"
                    + " SELECT d, 'b' || lpad(i::text, 4, '0'), v, v * 9 / 10, v * (300 + (i % 7) * 60), v, v * 56 / 100, v * 7 / 10"
                    + " FROM generate_series(?::date, ?::date, '1 day') g(d0), generate_series(1, ?) i,"
                    + " LATERAL (SELECT d0::date AS d) x, LATERAL (SELECT " + v + " AS v) y ON CONFLICT DO NOTHING",
                    first, firstFact.minusDays(1), branches, visits);
            exec(db, "INSERT INTO teller_day (day, branch, teller, served, good, rated)"
                    + " SELECT d, 'b' || lpad(i::text, 4, '0'), 'b' || lpad(i::text, 4, '0') || '-t' || t, v * 9 / 80,"
                    + " CASE WHEN t = 8 THEN 0 ELSE (v * 7 / 80) * (50 + (i * t) % 40) / 100 END,"
                    + " CASE WHEN t = 8 THEN 0 ELSE v * 7 / 80 END"
                    + " FROM generate_series(?::date, ?::date, '1 day') g(d0), generate_series(1, ?) i, generate_series(1, 8) t,"
                    + " LATERAL (SELECT d0::date AS d) x, LATERAL (SELECT " + v + " AS v) y ON CONFLICT DO NOTHING",
                    first, firstFact.minusDays(1), branches, visits);
        }
        for (YearMonth m = YearMonth.from(firstFact.minusDays(1)); !m.isAfter(YearMonth.from(last.plusDays(3)));
             m = m.plusMonths(1)) {
            exec(db, "CREATE TABLE IF NOT EXISTS facts_p%04d%02d PARTITION OF facts FOR VALUES FROM ('%s 00:00:00+00')"
                    .formatted(m.getYear(), m.getMonthValue(), m.atDay(1)) + " TO ('" + m.plusMonths(1).atDay(1)
                    + " 00:00:00+00')");
        }
        // One ticket (its final version) per visit, and a rating for seven in ten served; every 10th a no-show.
        String facts = "FROM generate_series(?::date, ?::date, '1 day') g(d0), generate_series(1, ?) i,"
                + " LATERAL (SELECT d0::date AS d, 'b' || lpad(i::text, 4, '0') AS br) x,"
                + " LATERAL (SELECT " + v + " AS v) y, generate_series(1, 1000) k,"
                + " LATERAL (SELECT (d::timestamp AT TIME ZONE 'Asia/Shanghai') + interval '9 hours' + k * interval '6 minutes'"
                + " AS issued, (k * 37 + i) % 900 + 30 AS wait) z WHERE k <= v";
        exec(db, "INSERT INTO facts (branch, boot, seq, id, type, at, body) SELECT br, 1, (d - DATE '2000-01-01') * 10000 + k * 2,"
                + " md5(br || d || k), 'branch.ticket', issued + wait * interval '1 second' + interval '5 minutes',"
                + " jsonb_build_object('id', 'T' || d || '-' || k, 'day', d::text, 'service', 'A', 'number', 'A' || k,"
                + " 'status', CASE WHEN k % 10 = 0 THEN 'NO_SHOW' ELSE 'COMPLETED' END, 'counter', 'c' || (1 + k % 6),"
                + " 'teller', br || '-t' || (1 + k % 8), 'issuedAt', to_char(issued AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                + " 'calledAt', to_char((issued + wait * interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) "
                + facts + " ON CONFLICT DO NOTHING", firstFact, last, branches, visits);
        exec(db, "INSERT INTO facts (branch, boot, seq, id, type, at, body) SELECT br, 1, (d - DATE '2000-01-01') * 10000 + k * 2 + 1,"
                + " md5(br || d || k || 'r'), 'branch.rating', issued + wait * interval '1 second' + interval '6 minutes',"
                + " jsonb_build_object('ticket', 'T' || d || '-' || k, 'counter', 'c' || (1 + k % 6), 'teller', br || '-t' || (1 + k % 8),"
                + " 'level', (ARRAY['very-satisfied', 'satisfied', 'average', 'dissatisfied'])[1 + (k * 7 + i) % 4],"
                + " 'at', to_char((issued + wait * interval '1 second' + interval '6 minutes') AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) " + facts + " AND k % 10 <> 0 AND k % 10 < 8 ON CONFLICT DO NOTHING",
                firstFact, last, branches, visits);
        exec(db, "ANALYZE");
    }

    private static void exec(Connection db, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }
}
