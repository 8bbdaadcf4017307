package io.counterline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.headoffice.testing.Installed;
import io.counterline.headoffice.testing.PostgresServer;
import io.counterline.headoffice.testing.RabbitCluster;
import io.counterline.testing.FreePort;
import java.io.PrintStream;
import java.io.OutputStream;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./counterline demo --head-office} as it runs: the demo's head office (real RabbitMQ
 * cluster, PostgreSQL, ingest workers, console) and the demo branch with simulated customers; the
 * branch's tickets and ratings reach PostgreSQL through its uplink, and the head-office console,
 * signed in with the printed account, shows the branch online among its siblings.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DemoHeadOfficeIT {
    @TempDir
    Path dir;

    @Test
    void demoBranchUplinksToTheDemoHeadOffice_whoseConsoleShowsItOnlineAmongItsSiblings() throws Exception {
        Installed.require(RabbitCluster.SERVER, "rabbitmq-server");
        Installed.require(PostgresServer.INITDB, "postgresql-15");
        try (DemoHeadOffice hq = DemoHeadOffice.start(DemoMain.DEMO_BRANCH, 0);
             DemoBranch branch = DemoBranch.start(dir.resolve("data"), FreePort.find(), 0, hq.branchBlock());
             SimulatedDay day = new SimulatedDay(branch, new PrintStream(OutputStream.nullOutputStream()), 3)) {
            String account = hq.consoleDemoAccount();
            assertThat(branch.awaitConnected(Duration.ofSeconds(60))).isTrue();
            day.start();
            assertThat(day.awaitDone(120)).as("3 customers served and rated").isTrue();

            // Facts of the live branch (its own outbox generation, not the history copied at start).
            await().atMost(Duration.ofSeconds(90)).until(() -> liveFacts(hq, "branch.rating") >= 3);
            assertThat(liveFacts(hq, "branch.ticket")).isGreaterThanOrEqualTo(3);

            Matcher m = Pattern.compile("^head office: (\\S+) \\(user hq / password (\\S+)\\)$").matcher(account);
            assertThat(m.matches()).as(account).isTrue();
            HttpClient http = signIn(m.group(1), "hq", m.group(2));
            // Online, with today's tickets: head office's "today" is the branches' business day (rollover hour 3
            // on both sides), so between midnight and 03:00 the row still shows the day the branch is serving.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String status = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "hq")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(status).contains(">b0001<", ">b0020<");
                Matcher row = Pattern.compile("<tr[^>]*>\\s*<td[^>]*>b001</td>(.*?)</tr>", Pattern.DOTALL)
                        .matcher(status);
                assertThat(row.find()).as("the status table's row of b001").isTrue();
                // name, region, online, last fact, waiting, open counters, issued today, served today
                List<String> cells = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row.group(1)).results()
                        .map(r -> r.group(1)).toList();
                assertThat(cells).hasSize(8);
                assertThat(cells.subList(0, 3)).containsExactly("演示网点 Demo branch", "r01", "是");
                assertThat(Integer.parseInt(cells.get(6))).as("issued today").isGreaterThanOrEqualTo(3);
                assertThat(Integer.parseInt(cells.get(7))).as("served today").isGreaterThanOrEqualTo(3);
            });
        }
    }

    /** Facts of b001 stored by the ingest from its live uplink (the copied history is outbox generation 1). */
    private static long liveFacts(DemoHeadOffice hq, String type) throws Exception {
        try (Connection c = DriverManager.getConnection(hq.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM facts WHERE branch = 'b001' AND boot <> 1 AND type = '"
                     + type + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HttpClient signIn(String base, String login, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String form = http.send(HttpRequest.newBuilder(URI.create(base + "login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as("sign-in form").isTrue();
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=" + login + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf=" + csrf.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(303);
        return http;
    }
}
