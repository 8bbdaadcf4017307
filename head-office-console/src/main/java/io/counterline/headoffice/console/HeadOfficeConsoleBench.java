package io.counterline.headoffice.console;

import com.typesafe.config.ConfigFactory;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.headoffice.store.FactStore;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The head-office console benchmark (docs/performance.md, "Head-office console pages"): a year of
 * a network's figures in a PostgreSQL it is given, then concurrent signed-in users reading the
 * comparison and ranking pages over HTTP. The year is made in SQL with generate_series (never row
 * by row): the newest {@code --fact-days} days as raw uplinked facts (a ticket's final version and
 * its rating), rolled up by the console's own {@link Rollup}; the days before as rollup rows
 * directly, of the same shape. Run through {@code ./counterline hq-bench}, which starts a
 * throwaway PostgreSQL.
 *
 * <pre>
 * HeadOfficeConsoleBench --jdbc-url URL --user U --password P [--branches 1000] [--days 365]
 *     [--visits 80] [--fact-days 7] [--users 20 | --users 1,20] [--rounds 10]
 * </pre>
 */
public final class HeadOfficeConsoleBench {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String PASSWORD = "bench-password-not-secret";
    private static final List<String> PAGES = List.of("/hq/compare/plan", "/hq/compare/last-year",
            "/hq/compare/siblings", "/hq/rankings/branches", "/hq/rankings/tellers", "/hq", "/hq/targets");

    private HeadOfficeConsoleBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>(Map.of("branches", "1000", "days", "365", "visits", "80",
                "fact-days", "7", "users", "20", "rounds", "10"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        for (String required : List.of("jdbc-url", "user", "password")) {
            if (!a.containsKey(required)) {
                System.err.println("usage: HeadOfficeConsoleBench --jdbc-url URL --user U --password P [--branches N]"
                        + " [--days N] [--visits N] [--fact-days N] [--users N] [--rounds N]");
                System.exit(2);
            }
        }
        int branches = bounded(a, "branches", 1, 5000);
        int days = bounded(a, "days", 30, 800);
        int visits = bounded(a, "visits", 20, 1000);
        int factDays = bounded(a, "fact-days", 1, days);
        List<Integer> userCounts = java.util.Arrays.stream(a.get("users").split(",")).map(Integer::parseInt).toList();
        if (userCounts.stream().anyMatch(u -> u < 1 || u > 100)) {
            throw new IllegalArgumentException("--users must be 1..100 (or a list, e.g. 1,20)");
        }
        int rounds = bounded(a, "rounds", 1, 1000);
        String url = a.get("jdbc-url");

        FactStore.open(url, a.get("user"), a.get("password")).close();
        LocalDate today = LocalDate.now(ZONE);
        LocalDate first = today.minusDays(days - 1);
        LocalDate firstFact = today.minusDays(factDays - 1);
        try (Connection db = DriverManager.getConnection(url, a.get("user"), a.get("password"))) {
            long t0 = System.nanoTime();
            generate(db, branches, first, firstFact, today, visits);
            System.out.printf(Locale.ROOT, "generated %d branches × %d days (%d of them as raw facts) in %.1f s%n",
                    branches, days, factDays, (System.nanoTime() - t0) / 1e9);
        }
        Path data = Files.createTempDirectory("hq-console-bench");
        Path conf = data.resolve("hq.conf");
        Files.writeString(conf, """
                head-office-console { jdbc-url = "%s", db-user = "%s", db-password = "%s", data = "%s",
                  rollup-every = 1h, pool = 16 }
                console.listen = "127.0.0.1:0"
                """.formatted(url, a.get("user"), a.get("password"), data.resolve("console")));
        try (HeadOfficeConsole hq = HeadOfficeConsole.start(HeadOfficeConsole.Settings.from(
                ConfigFactory.parseFile(conf.toFile()).resolve()), Clock.systemUTC())) {
            long t0 = System.nanoTime();
            List<LocalDate> rebuilt = hq.rollup().refresh();
            double rollupSeconds = (System.nanoTime() - t0) / 1e9;
            report(url, a, rebuilt.size(), rollupSeconds);
            hq.console().users().add("bench", "local", "admin", "Admin", Role.ADMIN, Scope.BRANCH, Optional.empty(),
                    "en", PASSWORD).join();
            hq.console().users().add("bench", "local", "regional", "Regional", Role.BRANCH_MANAGER,
                    Scope.parse("regions=r01"), Optional.empty(), "en", PASSWORD).join();
            for (int users : userCounts) {
                load(hq.url(), users, rounds, today);
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // the console's worker threads are not daemons
    }

    private static int bounded(Map<String, String> a, String key, int min, int max) {
        int v = Integer.parseInt(a.get(key));
        if (v < min || v > max) {
            throw new IllegalArgumentException("--" + key + " must be " + min + ".." + max);
        }
        return v;
    }

    /** Branches in 20 regions and 3 size groups; targets; rollup rows before {@code firstFact}; raw facts after. */
    private static void generate(Connection db, int branches, LocalDate first, LocalDate firstFact, LocalDate today,
                                 int visits) throws Exception {
        exec(db, "INSERT INTO branches SELECT 'b' || lpad(i::text, 4, '0'), '网点 ' || i, 'r' || lpad((i % 20)::text, 2, '0'),"
                + " (ARRAY['small', 'medium', 'large'])[1 + i % 3] FROM generate_series(1, ?) i ON CONFLICT DO NOTHING",
                branches);
        exec(db, "INSERT INTO targets (branch, month, measure, value, set_by) SELECT branch, m::date, 'served', ?, 'bench'"
                + " FROM branches, generate_series(date_trunc('month', ?::date), ?::date, '1 month') m ON CONFLICT DO NOTHING",
                visits * 27, first, today);
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
        for (YearMonth m = YearMonth.from(firstFact.minusDays(1)); !m.isAfter(YearMonth.from(today.plusDays(3)));
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
                + facts + " ON CONFLICT DO NOTHING", firstFact, today, branches, visits);
        exec(db, "INSERT INTO facts (branch, boot, seq, id, type, at, body) SELECT br, 1, (d - DATE '2000-01-01') * 10000 + k * 2 + 1,"
                + " md5(br || d || k || 'r'), 'branch.rating', issued + wait * interval '1 second' + interval '6 minutes',"
                + " jsonb_build_object('ticket', 'T' || d || '-' || k, 'counter', 'c' || (1 + k % 6), 'teller', br || '-t' || (1 + k % 8),"
                + " 'level', (ARRAY['very-satisfied', 'satisfied', 'average', 'dissatisfied'])[1 + (k * 7 + i) % 4],"
                + " 'at', to_char((issued + wait * interval '1 second' + interval '6 minutes') AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) " + facts + " AND k % 10 <> 0 AND k % 10 < 8 ON CONFLICT DO NOTHING",
                firstFact, today, branches, visits);
        exec(db, "ANALYZE");
    }

    private static void report(String url, Map<String, String> a, int rebuiltDays, double seconds) throws Exception {
        try (Connection db = DriverManager.getConnection(url, a.get("user"), a.get("password"));
             Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT (SELECT sum(issued) FROM branch_day),"
                     + " (SELECT count(*) FROM branch_day), (SELECT count(*) FROM teller_day), (SELECT count(*) FROM facts),"
                     + " pg_size_pretty(pg_database_size(current_database()))")) {
            rs.next();
            System.out.printf(Locale.ROOT, "visits in the rollup: %,d; branch_day rows %,d; teller_day rows %,d;"
                            + " raw facts %,d; database %s%n", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rs.getString(5));
        }
        System.out.printf(Locale.ROOT, "rollup rebuilt %d day(s) from the raw facts in %.1f s (%.2f s a day)%n",
                rebuiltDays, seconds, rebuiltDays == 0 ? 0 : seconds / rebuiltDays);
    }

    private static void load(String base, int users, int rounds, LocalDate today) throws Exception {
        String loadBefore = Files.exists(Path.of("/proc/loadavg"))
                ? Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0] : "?";
        Map<String, List<Long>> micros = new ConcurrentHashMap<>();
        PAGES.forEach(p -> micros.put(p, Collections.synchronizedList(new ArrayList<>())));
        ExecutorService pool = Executors.newFixedThreadPool(users);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int u = 0; u < users; u++) {
            int user = u;
            done.add(pool.submit(() -> {
                HttpClient http = signIn(base, user % 2 == 0 ? "admin" : "regional");
                Random random = new Random(user);
                for (int r = -1; r < rounds; r++) { // round -1 warms up and is not counted
                    for (String page : PAGES) {
                        YearMonth month = YearMonth.from(today).minusMonths(random.nextInt(12));
                        String query = "?month=" + month + "&measure="
                                + Measure.values()[random.nextInt(Measure.values().length)].wire()
                                + (random.nextBoolean() ? "&by=size" : "");
                        long start = System.nanoTime();
                        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + page.substring(1) + query))
                                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                        long us = (System.nanoTime() - start) / 1000;
                        if (res.statusCode() != 200 || !res.body().contains("<table")) {
                            throw new IllegalStateException(page + query + " answered " + res.statusCode());
                        }
                        if (r >= 0) {
                            micros.get(page).add(us);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%d users × %d rounds × %d pages in %.1f s (load average before: %s)%n", users,
                rounds, PAGES.size(), seconds, loadBefore);
        System.out.println("| page | requests | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        for (String page : PAGES) {
            List<Long> l = new ArrayList<>(micros.get(page));
            Collections.sort(l);
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f |%n", page, l.size(), pct(l, 50) / 1000.0,
                    pct(l, 99) / 1000.0, l.get(l.size() - 1) / 1000.0);
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static HttpClient signIn(String base, String login) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String form = http.send(HttpRequest.newBuilder(URI.create(base + "login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form);
        if (!m.find()) {
            throw new IllegalStateException("no sign-in form at " + base + "login");
        }
        String body = "login=" + login + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&csrf=" + m.group(1);
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 303) {
            throw new IllegalStateException("sign-in of " + login + " answered " + res.statusCode());
        }
        return http;
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
