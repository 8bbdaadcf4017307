package io.counterline.demo.bench;

import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Operation;
import io.counterline.protocol.TicketIds;
import io.counterline.server.BranchServer;
import io.counterline.server.store.SqliteBranchStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console under load: (a) call next at a counter → the counter event on an open monitor
 * stream (Server-Sent Events, read by a plain HTTP client), and (b) the monthly report and the
 * rankings page over a branch's year written straight into a store (≥ 100,000 tickets,
 * ≥ 60,000 ratings) with 20 supervisors asking at once, each with their own session.
 */
final class ConsoleBench {
    static final String PASSWORD = "bench-password-1";
    static final int SUPERVISORS = 20;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Latencies of the two pages under 20 supervisors, and what the store held. */
    record Pages(Samples report, Samples rankings, double coldReportMillis, double coldRankingsMillis, int tickets,
                 int ratings) {
    }

    private ConsoleBench() {
    }

    // ---------------------------------------------------------------- (a) the monitor

    static Samples monitor(BenchBranch branch, BranchServer server, Plan plan) throws Exception {
        ConsoleUsers users = server.console().orElseThrow().console().users();
        Await.get(users.add("bench", "local", "bench", "Bench", Role.QUALITY_SUPERVISOR, Scope.BRANCH,
                Optional.empty(), "en", PASSWORD).thenApply(id -> id), "console user");
        String base = server.console().orElseThrow().console().url();
        HttpClient http = signIn(base, "bench");
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "monitor/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) {
            throw new BenchException("monitor stream answered " + stream.statusCode());
        }
        // One reader thread stamps each counter event as it arrives.
        LinkedBlockingQueue<long[]> arrivals = new LinkedBlockingQueue<>();
        List<String> numbers = new ArrayList<>();
        Thread reader = new Thread(() -> readCounterEvents(stream.body(), numbers, arrivals), "bench-sse");
        reader.setDaemon(true);
        reader.start();
        try (DeviceRuntime kiosk = branch.runtime(BenchBranch.kiosk(3), DeviceRole.KIOSK);
             DeviceRuntime caller = branch.runtime("caller-1", DeviceRole.COUNTER_CALLER)) {
            Await.get(Connections.up(kiosk), "kiosk-3 connection");
            Await.get(Connections.up(caller), "caller-1 connection");
            Teller.signIn(caller, "t01");
            Samples samples = new Samples(plan.samples());
            for (int i = 0; i < plan.warmup() + plan.samples(); i++) {
                String number = Teller.issue(kiosk, "B");
                synchronized (numbers) {
                    numbers.clear();
                    numbers.add(number);
                }
                arrivals.clear();
                long t0 = System.nanoTime();
                Teller.askNow(caller, Operation.CALL_NEXT, new Bodies.None());
                long[] got = arrivals.poll(10, TimeUnit.SECONDS);
                if (got == null) {
                    throw new BenchException("the monitor did not show " + number + " within 10 s");
                }
                if (i >= plan.warmup()) {
                    samples.add(got[0] - t0);
                }
                Teller.askNow(caller, Operation.TICKET_NO_SHOW, new Bodies.None());
            }
            return samples;
        } finally {
            stream.body().close();
        }
    }

    private static void readCounterEvents(InputStream body, List<String> numbers, LinkedBlockingQueue<long[]> out) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String type = "";
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:") && type.equals("counter")) {
                    long now = System.nanoTime();
                    synchronized (numbers) {
                        if (!numbers.isEmpty() && line.contains("\"ticket\":\"" + numbers.get(0) + "\"")) {
                            numbers.clear();
                            out.add(new long[] {now});
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the stream was closed at the end of the measurement
        }
    }

    // ---------------------------------------------------------------- (b) report pages

    /** Writes a year of tickets and ratings for the days before today into the store at {@code branchDb}. */
    static int[] writeYear(Path branchDb, int ticketsPerDay) throws Exception {
        SqliteBranchStore.open(branchDb, Clock.systemUTC()).close(); // the engine's own schema
        Random random = new Random(42);
        String[] services = {"A", "B", "C", "D"};
        String[] levels = {"very-satisfied", "satisfied", "average", "dissatisfied"};
        int[] levelWeights = {55, 30, 10, 5};
        LocalDate today = LocalDate.now(ZONE);
        int tickets = 0;
        int ratings = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + branchDb)) {
            c.setAutoCommit(false);
            try (PreparedStatement t = c.prepareStatement("INSERT INTO tickets (id, day, service, seq, number, issued_at,"
                    + " source, offline, status, counter, teller, called_at, started_at, finished_at, recalls)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'kiosk-1', 0, ?, ?, ?, ?, ?, ?, 0)");
                 PreparedStatement r = c.prepareStatement("INSERT INTO ratings (ticket, arm_id, counter, teller, level,"
                         + " at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement l = c.prepareStatement("INSERT INTO ticket_log (ticket, at, action, counter, teller,"
                         + " detail) VALUES (?, ?, 'transferred', ?, ?, NULL)")) {
                for (int d = 365; d >= 1; d--) {
                    LocalDate day = today.minusDays(d);
                    int[] seq = new int[services.length];
                    Instant open = day.atTime(LocalTime.of(9, 0)).atZone(ZONE).toInstant();
                    for (int i = 0; i < ticketsPerDay; i++) {
                        int s = random.nextInt(services.length);
                        String number = services[s] + String.format("%03d", ++seq[s]);
                        String id = TicketIds.of(BenchBranch.BRANCH, day.toString(), number);
                        Instant issued = open.plusSeconds(i * (8L * 3600 / ticketsPerDay));
                        Instant called = issued.plusSeconds(30 + random.nextInt(1200));
                        Instant started = called.plusSeconds(10 + random.nextInt(40));
                        Instant finished = started.plusSeconds(120 + random.nextInt(480));
                        boolean noShow = random.nextInt(100) < 8;
                        int counter = 1 + random.nextInt(6);
                        String teller = String.format("t%02d", 1 + random.nextInt(12));
                        t.setString(1, id);
                        t.setString(2, day.toString());
                        t.setString(3, services[s]);
                        t.setInt(4, seq[s]);
                        t.setString(5, number);
                        t.setString(6, issued.toString());
                        t.setString(7, noShow ? "NO_SHOW" : "COMPLETED");
                        t.setString(8, "c" + counter);
                        t.setString(9, teller);
                        t.setString(10, called.toString());
                        t.setString(11, noShow ? null : started.toString());
                        t.setString(12, noShow ? called.plusSeconds(120).toString() : finished.toString());
                        t.addBatch();
                        tickets++;
                        if (random.nextInt(100) < 3) {
                            l.setString(1, id);
                            l.setString(2, started.toString());
                            l.setString(3, "c" + counter);
                            l.setString(4, teller);
                            l.addBatch();
                        }
                        if (!noShow && random.nextInt(100) < 68) {
                            int pick = random.nextInt(100);
                            int level = 0;
                            for (int acc = levelWeights[0]; pick >= acc; acc += levelWeights[++level]) {
                                // walk to the level whose weight band holds pick
                            }
                            r.setString(1, id);
                            r.setString(2, "arm-" + id);
                            r.setString(3, "c" + counter);
                            r.setString(4, teller);
                            r.setString(5, levels[level]);
                            r.setString(6, finished.plusSeconds(2 + random.nextInt(20)).toString());
                            r.setString(7, "evt-" + id);
                            r.addBatch();
                            ratings++;
                        }
                    }
                    t.executeBatch();
                    r.executeBatch();
                    l.executeBatch();
                }
            }
            c.commit();
        }
        return new int[] {tickets, ratings};
    }

    static Pages pages(BranchServer server, int rounds, int tickets, int ratings) throws Exception {
        ConsoleUsers users = server.console().orElseThrow().console().users();
        Await.get(users.add("bench", "local", "supervisor", "Supervisor", Role.QUALITY_SUPERVISOR, Scope.BRANCH,
                Optional.empty(), "zh", PASSWORD).thenApply(id -> id), "console user");
        String base = server.console().orElseThrow().console().url();
        YearMonth month = YearMonth.now(ZONE).minusMonths(1);
        String report = "reports?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        String rankings = "rankings?month=" + month;
        List<HttpClient> sessions = new ArrayList<>();
        for (int i = 0; i < SUPERVISORS; i++) {
            sessions.add(signIn(base, "supervisor"));
        }
        // The first request of each page computes it (closed periods are then shared for a while).
        double coldReport = get(sessions.get(0), base + report) / 1e6;
        double coldRankings = get(sessions.get(0), base + rankings) / 1e6;
        Samples reportSamples = new Samples(SUPERVISORS * rounds);
        Samples rankingSamples = new Samples(SUPERVISORS * rounds);
        ExecutorService pool = Executors.newFixedThreadPool(SUPERVISORS);
        try {
            List<Future<long[][]>> runs = new ArrayList<>();
            for (HttpClient h : sessions) {
                runs.add(pool.submit(() -> {
                    long[][] t = new long[2][rounds];
                    for (int i = 0; i < rounds; i++) {
                        t[0][i] = get(h, base + report);
                        t[1][i] = get(h, base + rankings);
                    }
                    return t;
                }));
            }
            for (Future<long[][]> f : runs) {
                long[][] t = f.get(10, TimeUnit.MINUTES);
                for (int i = 0; i < rounds; i++) {
                    reportSamples.add(t[0][i]);
                    rankingSamples.add(t[1][i]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Pages(reportSamples, rankingSamples, coldReport, coldRankings, tickets, ratings);
    }

    // ---------------------------------------------------------------- HTTP as a browser would

    /** A client signed in through the form (CSRF field and cookie), redirects not followed. */
    private static HttpClient signIn(String base, String login) throws Exception {
        HttpClient h = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String form = h.send(HttpRequest.newBuilder(URI.create(base + "login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = CSRF.matcher(form);
        if (!m.find()) {
            throw new BenchException("no sign-in form at " + base);
        }
        String body = "csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&login=" + login + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        int status = h.send(HttpRequest.newBuilder(URI.create(base + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status != 303) {
            throw new BenchException("console sign-in answered " + status);
        }
        return h;
    }

    /** @return nanoseconds until the whole page was read */
    private static long get(HttpClient h, String url) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = h.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long t = System.nanoTime() - t0;
        if (r.statusCode() != 200) {
            throw new BenchException(url + " answered " + r.statusCode());
        }
        return t;
    }

}
