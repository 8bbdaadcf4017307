package io.counterline.headoffice.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.headoffice.console.NetworkFixture.Visit;
import io.counterline.headoffice.store.FactStore;
import io.counterline.headoffice.testing.Installed;
import io.counterline.headoffice.testing.PostgresServer;
import io.counterline.server.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The head-office console in Chromium over a real PostgreSQL holding facts stored through the
 * ingest's store: every figure a page shows is checked against the visits the fixture made, counted
 * here by hand (not read back from the rollups).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeadOfficeConsoleBrowserIT {
    private static final String PASSWORD = "correct horse battery staple";
    /** 14:00 in Shanghai on 2026-02-20, three days after the Spring Festival. */
    private static final Instant NOW = Instant.parse("2026-02-20T06:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 2, 20);

    private static Path dir;
    private static PostgresServer pg;
    private static HeadOfficeConsole hq;
    private static WebDriver browser;
    private static String base;
    private static final NetworkFixture fixture = new NetworkFixture(17, 1);

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("hq-console-it");
        Installed.require(PostgresServer.INITDB, "postgresql-15");
        pg = PostgresServer.start();
        fixture.closedDays("b1", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 19), 7, List.of("t1", "t2"));
        fixture.closedDays("b2", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 19), 5, List.of("t3"));
        fixture.closedDays("b2", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 3), 3, List.of("t9"));
        fixture.closedDays("b3", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 19), 6, List.of("t5"));
        // Last year, beyond the comparable period on both sides (2025-01-13 .. 2025-02-01).
        fixture.closedDays("b1", LocalDate.of(2025, 1, 5), LocalDate.of(2025, 2, 15), 6, List.of("t1"));
        fixture.closedDays("b2", LocalDate.of(2025, 1, 5), LocalDate.of(2025, 2, 15), 4, List.of("t3"));
        Instant morning = NOW.minus(Duration.ofMinutes(10));
        fixture.open("b1", TODAY, morning, null);
        fixture.open("b1", TODAY, morning.plusSeconds(60), null);
        fixture.open("b1", TODAY, morning.plusSeconds(120), "c2");
        fixture.open("b2", TODAY, morning, "c1");
        try (FactStore store = FactStore.open(pg.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD)) {
            fixture.store(store);
            List<io.counterline.headoffice.ingest.Fact> supervision = new java.util.ArrayList<>(
                    SupervisedBranch.february(dir, "b1", 1));
            supervision.addAll(SupervisedBranch.health("b1", 1));
            store.store(supervision, List.of());
            store.store(supervision, List.of()); // delivered twice: counted once
        }
        try (Connection db = pg.connect(); Statement s = db.createStatement()) {
            s.execute("INSERT INTO branches VALUES ('b1', '东区一号 <b>', 'east', 'large'), ('b2', '东区二号', 'east', 'small'),"
                    + " ('b3', '西区一号', 'west', 'large')");
        }
        Path conf = dir.resolve("hq.conf");
        Files.writeString(conf, """
                head-office-console {
                  jdbc-url = "%s"
                  db-user = %s
                  db-password = "%s"
                  name = "总行 HQ"
                  data = "%s"
                  rollup-every = 1h
                }
                console.listen = "127.0.0.1:0"
                """.formatted(pg.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD, dir.resolve("data")));
        hq = HeadOfficeConsole.start(HeadOfficeConsole.Settings.from(ConfigFactory.parseFile(conf.toFile()).resolve()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        hq.rollup().refresh();
        hq.console().users().add("test", "local", "admin", "Admin", Role.ADMIN, Scope.BRANCH, Optional.empty(), "en",
                PASSWORD).join();
        hq.console().users().add("test", "local", "east", "East manager", Role.BRANCH_MANAGER, Scope.parse("regions=east"),
                Optional.empty(), "en", PASSWORD).join();
        base = hq.url();
        browser = HeadlessChromium.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {browser == null ? null : browser::quit, hq, pg}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    private static void signIn(String login) {
        browser.manage().deleteAllCookies();
        browser.get(base + "login");
        browser.findElement(By.id("login")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("submit")).click();
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/hq"));
        } catch (RuntimeException e) {
            throw new AssertionError("not signed in; the page shows:\n" + browser.getPageSource(), e);
        }
    }

    /** The rows of table {@code n} on the page, by the text of column {@code key}. */
    private static Map<String, List<String>> table(int n, int key) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (WebElement tr : browser.findElements(By.cssSelector("#table-" + n + " tbody tr"))) {
            List<String> cells = tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            rows.put(cells.get(key), cells);
        }
        return rows;
    }

    private static Totals totals(Predicate<Visit> p) {
        long issued = 0;
        long served = 0;
        long waitSum = 0;
        long waitN = 0;
        long good = 0;
        long rated = 0;
        for (Visit v : fixture.where(p)) {
            issued++;
            served += "COMPLETED".equals(v.status()) ? 1 : 0;
            if (v.calledAt() != null) {
                waitSum += v.waitSeconds();
                waitN++;
            }
            if (v.rating() != null) {
                rated++;
                good += v.good() ? 1 : 0;
            }
        }
        return new Totals(issued, served, waitSum, waitN, good, rated);
    }

    private static Predicate<Visit> at(String branch, String from, String to) {
        return v -> v.branch().equals(branch) && !v.day().isBefore(LocalDate.parse(from)) && !v.day().isAfter(LocalDate.parse(to));
    }

    private static int targetRows() throws Exception {
        try (Connection db = pg.connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM targets")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    @Order(1)
    void status_regionalManager_seesTheirRegionsBranchesLive() {
        signIn("east");
        assertThat(browser.getCurrentUrl()).endsWith("/hq");
        Map<String, List<String>> rows = table(0, 0);
        assertThat(rows).containsKeys("b1", "b2").doesNotContainKey("b3");
        List<String> b1 = rows.get("b1");
        // b1 today: two waiting, one called at c2 (its newest fact, 13:55), nothing served yet.
        assertThat(b1.get(1)).isEqualTo("东区一号 <b>");
        assertThat(b1.subList(3, 9)).containsExactly("yes", "2026-02-20 13:55:00", "2", "1", "3", "0");
        assertThat(rows.get("b2").subList(5, 9)).containsExactly("0", "1", "1", "0");
        assertThat(browser.getPageSource()).doesNotContain("西区一号");
    }

    @Test
    @Order(2)
    void drillDown_showsTheBranchsOwnReport_andRefusesABranchOutsideTheScope() {
        browser.get(base + "hq/branches/b1");
        Totals b1 = totals(at("b1", "2026-02-01", "2026-02-20"));
        List<String> total = browser.findElements(By.cssSelector("#table-0 tbody tr td")).stream().map(WebElement::getText)
                .toList();
        assertThat(total.get(1)).isEqualTo(Long.toString(b1.issued()));
        assertThat(total.get(2)).isEqualTo(Long.toString(b1.served()));

        browser.get(base + "hq/branches/b3");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("403 Forbidden");
        assertThat(browser.getPageSource()).contains("outside your scope").doesNotContain("西区一号");
    }

    /** The figures {@link SupervisedBranch} worked out by hand, on b1's drill-down for February 1–20. */
    @Test
    @Order(2)
    void drillDown_showsTheBranchsSupervisionFiguresAndDeviceHealth() {
        browser.get(base + "hq/branches/b1");
        int tables = browser.findElements(By.cssSelector("table.figures")).size();
        Map<String, List<String>> orders = table(tables - 4, 0);
        assertThat(orders.get("complaint")).containsExactly("complaint", "2", "2", "1", "50.0", "1", "0");
        assertThat(orders.get("consultation")).containsExactly("consultation", "1", "0", "0", "0.0", "0", "1");
        assertThat(orders.get("praise")).containsExactly("praise", "1", "0", "0", "", "0", "0");
        assertThat(orders.get("Total")).containsExactly("Total", "4", "2", "1", "33.3", "1", "1");
        assertThat(table(tables - 3, 0).values()).containsExactly(List.of("20", "2", "3", "8", "1", "87.5"));
        assertThat(table(tables - 2, 0).values()).containsExactly(List.of("先核对证件", "2"), List.of("唱收唱付", "1"));
        assertThat(table(tables - 1, 0).get("kiosk-1")).containsExactly("kiosk-1", "2", "47.0", "1.0", "0.0", "0.0",
                "0.0", "degraded", "2026-02-19 10:00 ok");
        assertThat(browser.getPageSource()).doesNotContain("139-0000-0000");
    }

    @Test
    @Order(3)
    void target_enteredInTheForm_isStoredAudited_andThePlanPageComparesWithIt() throws Exception {
        browser.get(base + "hq/targets?month=2026-02");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("branch"))).selectByValue("b1");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("measure"))).selectByValue("served");
        browser.findElement(By.name("value")).sendKeys("150");
        browser.findElement(By.id("save-target")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/hq/targets?month=2026-02"));
        assertThat(table(0, 0).get("b1")).contains("150", "east");

        browser.get(base + "hq/compare/plan?month=2026-02&measure=served");
        long served = totals(at("b1", "2026-02-01", "2026-02-20")).served();
        assertThat(table(0, 0).get("b1")).containsSequence(Long.toString(served), "150",
                HeadOfficeRoutes.percent(100.0 * served / 150), served >= 150 ? "yes" : "no");
        assertThat(targetRows()).isEqualTo(1);
        try (Connection db = pg.connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT set_by, value FROM targets")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("east");
            assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("150");
        }
    }

    @Test
    @Order(4)
    void hostileTargetValue_isRefusedWithAClearPage_andStoresNothing() throws Exception {
        browser.get(base + "hq/targets?month=2026-02");
        browser.findElement(By.name("value")).sendKeys("<script>document.title='owned'</script>");
        browser.findElement(By.id("save-target")).click();
        HeadlessChromium.awaitText(browser, By.tagName("h1"), "400", Duration.ofSeconds(10));
        assertThat(browser.getPageSource()).contains("a target is a number from 0 to");
        assertThat(browser.getTitle()).doesNotContain("owned");
        assertThat(targetRows()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void targetWithoutTheCsrfToken_orForABranchOutsideTheScope_isRefused() throws Exception {
        browser.get(base + "hq/targets?month=2026-02");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("document.querySelector('#target-form input[name=csrf]').remove()");
        browser.findElement(By.name("value")).sendKeys("10");
        browser.findElement(By.id("save-target")).click();
        HeadlessChromium.awaitText(browser, By.tagName("h1"), "403", Duration.ofSeconds(10));
        assertThat(browser.getPageSource()).contains("security token");

        browser.get(base + "hq/targets?month=2026-02");
        js.executeScript("var o = document.createElement('option'); o.value = 'b3'; o.text = 'b3';"
                + " var s = document.querySelector('select[name=branch]'); s.add(o); s.value = 'b3';");
        browser.findElement(By.name("value")).sendKeys("10");
        browser.findElement(By.id("save-target")).click();
        HeadlessChromium.awaitText(browser, By.tagName("h1"), "403", Duration.ofSeconds(10));
        assertThat(browser.getPageSource()).contains("outside your scope");
        assertThat(targetRows()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void lastYear_comparesWithTheDaysAsFarFromLastYearsSpringFestival() {
        browser.get(base + "hq/compare/last-year?month=2026-02&measure=issued");
        // Festival 2026-02-17, 2025-01-29: Feb 1..20 2026 (today) ↔ 2025-01-13 .. 2025-02-01.
        assertThat(browser.findElement(By.id("comparable-period")).getText()).contains("2025-01-13 – 2025-02-01");
        long now = totals(at("b1", "2026-02-01", "2026-02-20")).issued();
        long before = totals(at("b1", "2025-01-13", "2025-02-01")).issued();
        assertThat(table(0, 0).get("b1")).containsSequence(Long.toString(now), Long.toString(before),
                HeadOfficeRoutes.percent(100.0 * (now - before) / before));
        long sumNow = now + totals(at("b2", "2026-02-01", "2026-02-20")).issued();
        long sumBefore = before + totals(at("b2", "2025-01-13", "2025-02-01")).issued();
        assertThat(table(0, 0).get("Σ")).containsSequence(Long.toString(sumNow), Long.toString(sumBefore));
    }

    @Test
    @Order(7)
    void siblings_compareWithTheRegionPooled() {
        browser.get(base + "hq/compare/siblings?month=2026-02&measure=wait&by=region");
        Totals b1 = totals(at("b1", "2026-02-01", "2026-02-20"));
        Totals east = b1.plus(totals(at("b2", "2026-02-01", "2026-02-20")));
        double mine = (double) b1.waitSum() / b1.waitN();
        double group = (double) east.waitSum() / east.waitN();
        assertThat(table(0, 0).get("b1")).containsSequence("east", fmt(mine), fmt(group), fmt(mine - group));
        Totals b2 = totals(at("b2", "2026-02-01", "2026-02-20"));
        String rankB1 = mine <= (double) b2.waitSum() / b2.waitN() ? "1 / 2" : "2 / 2";
        assertThat(table(0, 0).get("b1")).contains(rankB1);
    }

    @Test
    @Order(8)
    void tellerRanking_acrossBranches_marksSmallSamples() {
        signIn("admin");
        browser.get(base + "hq/rankings/tellers?month=2026-02");
        Map<String, List<String>> ranked = table(0, 1);
        Totals t1 = totals(at("b1", "2026-02-01", "2026-02-20").and(v -> "t1".equals(v.teller())));
        assertThat(t1.rated()).isGreaterThanOrEqualTo(Totals.SMALL_SAMPLE);
        assertThat(ranked.get("t1")).containsSequence("b1", "east", fmt(100.0 * t1.good() / t1.rated()),
                Long.toString(t1.rated()));
        assertThat(ranked).containsKeys("t1", "t2", "t3", "t5").doesNotContainKey("t9");
        Totals t9 = totals(at("b2", "2026-02-01", "2026-02-20").and(v -> "t9".equals(v.teller())));
        assertThat(table(1, 1).get("t9")).containsSequence("b2", "east").contains(t9.rated() + " (small sample)");
        // Best first: each ranked teller's share is at least the next one's.
        List<Double> shares = ranked.values().stream().map(r -> Double.parseDouble(r.get(4))).toList();
        for (int i = 1; i < shares.size(); i++) {
            assertThat(shares.get(i - 1)).isGreaterThanOrEqualTo(shares.get(i));
        }
    }

    @Test
    @Order(9)
    void branchRanking_allBranches_forTheAdmin() {
        browser.get(base + "hq/rankings/branches?month=2026-02&measure=served");
        Map<String, List<String>> ranked = table(0, 1);
        assertThat(ranked).containsOnlyKeys("b1", "b2", "b3");
        for (String b : List.of("b1", "b2", "b3")) {
            assertThat(ranked.get(b).get(4)).isEqualTo(Long.toString(totals(at(b, "2026-02-01", "2026-02-20")).served()));
        }
        List<Long> values = ranked.values().stream().map(r -> Long.parseLong(r.get(4))).toList();
        assertThat(values).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    @Order(10)
    void aLateFact_marksItsDayStale_andTheNextPassCountsItOnce() throws Exception {
        NetworkFixture late = new NetworkFixture(99, 2);
        late.closedDays("b3", LocalDate.of(2026, 2, 10), LocalDate.of(2026, 2, 10), 3, List.of("t5"));
        try (FactStore store = FactStore.open(pg.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD)) {
            late.store(store);
            late.store(store); // delivered twice: stored once
        }
        fixture.visits.addAll(late.visits);
        assertThat(hq.rollup().refresh()).contains(LocalDate.of(2026, 2, 10));
        browser.get(base + "hq/rankings/branches?month=2026-02&measure=issued");
        assertThat(table(0, 1).get("b3").get(4))
                .isEqualTo(Long.toString(totals(at("b3", "2026-02-01", "2026-02-20")).issued()));
    }

    /** Waits for the page after a publication: the newest document, with its version (the URL is the same before). */
    /** The form's document shows {@code version}, after the page that stored it replaced the form's page. */
    private static void awaitNewestShown(String version) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            try {
                var area = d.findElements(By.cssSelector("#config-form textarea"));
                return !area.isEmpty() && area.get(0).getAttribute("value").contains(version);
            } catch (org.openqa.selenium.WebDriverException e) {
                // ChromeDriver's answer for a node of the page being replaced (see HeadlessChromium.awaitText)
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static Map<String, Long> configVersions() throws Exception {
        Map<String, Long> v = new LinkedHashMap<>();
        try (Connection db = pg.connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT branch, max(version) FROM branch_configs GROUP BY branch ORDER BY 1")) {
            while (rs.next()) {
                v.put(rs.getString(1), rs.getLong(2));
            }
        }
        return v;
    }

    private static void publishConfig(String document, String to) {
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('#config-form textarea').value = arguments[0];"
                        + " document.querySelector('#config-form select[name=to]').value = arguments[1];", document, to);
        browser.findElement(By.id("publish-config")).click();
    }

    @Test
    @Order(11)
    void config_regionalManager_seesTheDownlink_butCannotPublish() throws Exception {
        signIn("east");
        browser.get(base + "hq/config");
        assertThat(table(0, 0)).containsOnlyKeys("b1", "b2");
        browser.get(base + "hq/config/b1");
        assertThat(browser.findElements(By.id("config-form"))).isEmpty();
        // A hand-made form with the session's token: refused all the same.
        ((JavascriptExecutor) browser).executeScript("var f = document.createElement('form'); f.method = 'post';"
                + " f.action = '/hq/config/b1'; f.innerHTML = '<input name=document value=\"{}\"><input name=to value=branch>';"
                + " f.appendChild(document.querySelector('input[name=csrf]').cloneNode()); document.body.appendChild(f);"
                + " f.submit();");
        HeadlessChromium.awaitText(browser, By.tagName("h1"), "403", Duration.ofSeconds(10));
        browser.get(base + "hq/config/b3");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("403 Forbidden");
        assertThat(configVersions()).isEmpty();
    }

    @Test
    @Order(12)
    void config_publishedInTheForm_storedAsTheNextVersionAudited_escaped_shownBesideTheBranchsReport() throws Exception {
        signIn("admin");
        browser.get(base + "hq/config/b1");
        publishConfig("{\"services\": [{\"id\": \"A\", \"name-zh\": \"<script>document.title='owned'</script>\","
                + " \"name-en\": \"Personal\"}], \"tellers\": [{\"id\": \"t9\", \"name\": \"赵敏\","
                + " \"employee-no\": \"E9\"}], \"signage\": {\"priority\": 2, \"notices\": [{\"id\": \"n1\","
                + " \"zh\": \"<img src=x onerror=document.title='pwned'>谨防诈骗\", \"en\": \"Beware of fraud\"}]}}", "branch");
        awaitNewestShown("\"version\" : 1");
        assertThat(configVersions()).containsExactly(Map.entry("b1", 1L));
        assertThat(browser.getTitle()).doesNotContain("owned");
        assertThat(browser.findElement(By.cssSelector("#config-form textarea")).getAttribute("value"))
                .contains("<script>document.title='owned'</script>", "\"version\" : 1", "\"branch\" : \"b1\"",
                        "\"signage\" : {", "\"priority\" : 2", "<img src=x onerror=document.title='pwned'>谨防诈骗");
        assertThat(browser.findElements(By.tagName("img"))).as("the notice is text in the form, not markup").isEmpty();

        // The same content to the region: each east branch its next version, the west one nothing.
        publishConfig(browser.findElement(By.cssSelector("#config-form textarea")).getAttribute("value"), "region");
        awaitNewestShown("\"version\" : 2");
        assertThat(configVersions()).containsExactly(Map.entry("b1", 2L), Map.entry("b2", 1L));
        try (io.counterline.console.store.ConsoleStore store = io.counterline.console.store.ConsoleStore.open(
                dir.resolve("data").resolve("console.db"))) {
            assertThat(store.auditEntries(100, Optional.of("config.publish"))).extracting(e -> e.actor() + " " + e.target())
                    .containsExactlyInAnyOrder("admin b1 version 1", "admin b1 version 2", "admin b2 version 1");
            assertThat(store.auditEntries(100, Optional.of("config.publish"))).allSatisfy(e ->
                    assertThat(e.after()).contains("\"signage\":{\"priority\":2", "Beware of fraud"));
        }

        // What b1 reported (a newer document refused) beside what was published.
        try (Connection db = pg.connect(); Statement s = db.createStatement()) {
            s.execute("INSERT INTO branch_config_reports VALUES ('b1', 1, 0, '', 2, 'unknown key ''<i>x</i>''',"
                    + " '2026-02-20 13:59:00+00')");
        }
        browser.get(base + "hq/config");
        List<String> b1 = table(0, 0).get("b1");
        assertThat(b1.get(2)).as("published").isEqualTo("2");
        assertThat(b1.get(5)).as("running").isEqualTo("1");
        assertThat(b1.get(7)).isEqualTo("2: unknown key '<i>x</i>'");
        assertThat(table(0, 0).get("b2").get(5)).as("no report from b2 yet").isEqualTo("–");
        assertThat(browser.findElements(By.tagName("i"))).isEmpty();

        // b2 runs a higher version than head office holds (its database restored from an older backup, or a
        // new head office): the next version goes above what the branch reported, or the branch would ignore it.
        try (Connection db = pg.connect(); Statement s = db.createStatement()) {
            s.execute("INSERT INTO branch_config_reports VALUES ('b2', 6, 0, '', 0, '', '2026-02-20 13:59:00+00')");
        }
        browser.get(base + "hq/config/b2");
        publishConfig("{}", "branch");
        awaitNewestShown("\"version\" : 7");
        assertThat(configVersions()).containsExactly(Map.entry("b1", 2L), Map.entry("b2", 7L));
    }

    @Test
    @Order(13)
    void config_badDocumentOrNoCsrf_refusedWithAClearPage_storesNothing() throws Exception {
        browser.get(base + "hq/config/b2");
        publishConfig("{\"tellers\": [{\"id\": \"t9\", \"name\": \"x\", \"employee-no\": \"E\", \"pin\": \"1234\"}]}",
                "branch");
        HeadlessChromium.awaitText(browser, By.tagName("h1"), "400", Duration.ofSeconds(10));
        assertThat(browser.getPageSource()).contains("configuration refused: teller: unknown key 'pin'");

        browser.get(base + "hq/config/b2");
        publishConfig("{\"signage\": {\"notices\": [{\"id\": \"n1\", \"zh\": \"中\", \"en\": \"e\","
                + " \"image\": \"ab.png\"}]}}", "branch");
        HeadlessChromium.awaitText(browser, By.tagName("h1"), "400", Duration.ofSeconds(10));
        assertThat(browser.getPageSource()).contains("configuration refused: signage notice: unknown key 'image'");

        browser.get(base + "hq/config/b2");
        ((JavascriptExecutor) browser).executeScript("document.querySelector('#config-form input[name=csrf]').remove()");
        publishConfig("{}", "branch");
        HeadlessChromium.awaitText(browser, By.tagName("h1"), "403", Duration.ofSeconds(10));
        assertThat(configVersions()).containsExactly(Map.entry("b1", 2L), Map.entry("b2", 7L));
    }

    private static String fmt(double v) {
        return HeadOfficeRoutes.format(Measure.WAIT, OptionalDouble.of(v));
    }
}
