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
            SampleNetwork.generate(db, branches, first, firstFact, today, visits);
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
}
