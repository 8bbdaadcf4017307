package io.counterline.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.config.PinHash;
import io.counterline.console.auth.Role;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Command;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Operation;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Response;
import io.counterline.server.BranchServer;
import io.counterline.testing.Binaries;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.HeadlessChromium;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real Chromium (Debian's chromium and chromium-driver, through Selenium)
 * against a real branch server with its engine, store and embedded broker, driven by devices
 * speaking the MQTT contract. One browser for the class; the tests run in order because they
 * build on the same branch day (the throttling test is last: it blocks the loopback address).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConsoleBrowserIT {
    private static final String HTML_NAME = "<script>alert('x')</script>";
    private static final String PASSWORD = ConsoleBranch.PASSWORD;

    @TempDir
    static Path dir;

    private ConsoleBranch fixture;
    private List<Command> arms;
    private BranchServer server;
    private DeviceRuntime kiosk;
    private DeviceRuntime caller1;
    private DeviceRuntime caller2;
    private DeviceRuntime pad;
    private WebDriver browser;
    private String base;

    @BeforeAll
    void start() throws Exception {
        TestBranch branch = new TestBranch(dir).withQueue().device("pad-2", "rating-pad", "c2").extra("""
                tellers += { id = t3, name = "%s", employee-no = E1003, pin-hash = "%s" }
                console { listen = "127.0.0.1:0", heartbeat = 1s }
                """.formatted(HTML_NAME.replace("\"", "\\\""), TestBranch.PIN_HASH));
        fixture = ConsoleBranch.of(dir, branch)
                .user("super", "督导 Supervisor", Role.QUALITY_SUPERVISOR, null, "zh")
                .user("admin", "Admin", Role.ADMIN, null, "en")
                .user("teller1", "王芳", Role.TELLER, "t1", "zh")
                .user("throttled", "Someone", Role.AUDITOR, null, "en")
                .device("kiosk-1", DeviceRole.KIOSK).device("caller-1", DeviceRole.COUNTER_CALLER)
                .device("caller-2", DeviceRole.COUNTER_CALLER).device("pad-1", DeviceRole.RATING_PAD).start();
        server = fixture.server();
        browser = fixture.browser();
        base = fixture.base();
        arms = fixture.arms;
        kiosk = fixture.device("kiosk-1");
        caller1 = fixture.device("caller-1");
        caller2 = fixture.device("caller-2");
        pad = fixture.device("pad-1");
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    // ---------------------------------------------------------------- the tests, in order

    @Test
    @Order(1)
    void login_withRightPassword_opensTheMonitor() {
        browser.get(base + "login");
        browser.findElement(By.id("login")).sendKeys("super");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("submit")).click();
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/monitor"));
        } catch (RuntimeException e) {
            throw new AssertionError("not signed in; the page shows:\n" + browser.getPageSource(), e);
        }
        awaitStreamOpen();
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).contains("督导 Supervisor");
    }

    @Test
    @Order(2)
    void ticketIssuedAndCalled_appearsOnTheOpenMonitorWithinASecond() throws Exception {
        awaitStreamOpen();
        Bodies.IssuedTicket t = ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"), Bodies.IssuedTicket.class);
        ok(caller1, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234"), Bodies.CounterReply.class);
        ok(caller1, Operation.CALL_NEXT, new Bodies.None(), Bodies.CounterReply.class);
        // From the moment the engine answered the call: the monitor shows it within a second.
        new WebDriverWait(browser, Duration.ofSeconds(1)).until(ExpectedConditions.textToBe(
                By.cssSelector("#counter-c1 td.ticket"), t.ticket().number()));
        assertThat(browser.findElement(By.id("counter-c1")).getText()).contains("王芳").contains("calling");
    }

    @Test
    @Order(3)
    void ratingGivenAtThePad_appearsHighlightedAsDissatisfied() throws Exception {
        ok(caller1, Operation.SERVICE_START, new Bodies.None(), Bodies.CounterReply.class);
        int armsBefore = arms.size();
        ok(caller1, Operation.SERVICE_COMPLETE, new Bodies.None(), Bodies.CounterReply.class);
        Bodies.RatingArm arm = awaitArm(armsBefore);
        pad.record(EventType.RATING_GIVEN, new Bodies.RatingGiven(arm.armId(), arm.ticket().id(), arm.counter(),
                arm.teller().id(), RatingLevel.DISSATISFIED));
        WebElement row = new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions
                .presenceOfElementLocated(By.cssSelector("tr.rating[data-ticket='" + arm.ticket().id() + "']")));
        assertThat(row.getAttribute("class")).contains("dissatisfied");
        assertThat(row.findElement(By.tagName("td")).getCssValue("background-color"))
                .as("highlighted by the stylesheet").isNotEqualTo("rgba(0, 0, 0, 0)");
        assertThat(row.getText()).contains("不满意").contains("王芳");
    }

    @Test
    @Order(4)
    void tellerNamedWithHtml_isShownAsText() throws Exception {
        ok(caller2, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t3", "1234"), Bodies.CounterReply.class);
        HeadlessChromium.awaitText(browser, By.id("counter-c2"), HTML_NAME, Duration.ofSeconds(10));
        browser.get(base + "reports");
        assertThat(browser.findElement(By.cssSelector("select[name=teller]")).getText()).contains(HTML_NAME);
        assertNoAlert();
        assertThat(browser.getPageSource()).doesNotContain(HTML_NAME);
    }

    @Test
    @Order(5)
    void reportFigures_equalTheFiguresComputedFromTheStore() throws Exception {
        serveMore();
        browser.get(base + "reports?" + ticketsPeriod());
        List<String> total = cells(browser.findElement(By.cssSelector("#table-0 tbody tr")));
        StoreFigures s = StoreFigures.read(dir.resolve("server/branch.db"));
        assertThat(total.get(1)).as("issued").isEqualTo(Integer.toString(s.issued));
        assertThat(total.get(2)).as("served").isEqualTo(Integer.toString(s.served));
        assertThat(total.get(3)).as("no-show").isEqualTo(Integer.toString(s.noShow));
        assertThat(total.get(5)).as("wait mean").isEqualTo(String.format(Locale.ROOT, "%.1f", s.waitMean));
        assertThat(total.get(6)).as("wait median").isEqualTo(String.format(Locale.ROOT, "%.1f", s.waitMedian));
        assertThat(total.get(11)).as("very satisfied").isEqualTo(Integer.toString(s.verySatisfied));
        assertThat(total.get(12)).as("satisfied").isEqualTo(Integer.toString(s.satisfied));
        assertThat(total.get(14)).as("dissatisfied").isEqualTo(Integer.toString(s.dissatisfied));
        assertThat(total.get(15)).as("rated").isEqualTo(Integer.toString(s.rated));
        assertThat(total.get(16)).as("satisfaction").isEqualTo(String.format(Locale.ROOT, "%.1f%%",
                100.0 * (s.verySatisfied + s.satisfied) / s.rated));
        assertThat(total.get(17)).as("coverage").isEqualTo(String.format(Locale.ROOT, "%.1f%%",
                100.0 * s.rated / s.served));
        assertThat(s.served).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(6)
    void pdfExport_holdsTheChineseNamesAndTheFigures() throws Exception {
        Path pdftotext = Binaries.require("pdftotext", "poppler-utils");
        assertFont();
        ConsoleHttp http = signedIn("super");
        HttpResponse<byte[]> pdf = http.download("/reports/export.pdf?" + ticketsPeriod());
        assertThat(pdf.statusCode()).isEqualTo(200);
        Path file = Files.write(dir.resolve("report.pdf"), pdf.body());
        Process p = new ProcessBuilder(pdftotext.toString(), "-layout", file.toString(), "-").redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        StoreFigures s = StoreFigures.read(dir.resolve("server/branch.db"));
        assertThat(text).contains("王芳").contains("测试支行").contains("督导 Supervisor").contains("个人业务");
        assertThat(text).containsPattern("合计\\s+" + s.issued + "\\s+" + s.served + "\\s+" + s.noShow);
        assertThat(text).containsPattern("第\\s*1\\s*页\\s*/\\s*共\\s*\\d+\\s*页");
    }

    @Test
    @Order(7)
    void csvExport_startsWithTheBomAndRoundTrips() throws Exception {
        ConsoleHttp http = signedIn("super");
        HttpResponse<byte[]> csv = http.download("/reports/export.csv?" + ticketsPeriod());
        assertThat(csv.statusCode()).isEqualTo(200);
        byte[] b = csv.body();
        assertThat(new byte[] {b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        List<CSVRecord> records = CSVFormat.EXCEL.parse(new StringReader(new String(b, 3, b.length - 3,
                StandardCharsets.UTF_8))).getRecords();
        StoreFigures s = StoreFigures.read(dir.resolve("server/branch.db"));
        CSVRecord total = records.get(2);
        assertThat(total.get(1)).isEqualTo(Integer.toString(s.issued));
        assertThat(total.get(2)).isEqualTo(Integer.toString(s.served));
        assertThat(records.stream().anyMatch(r -> r.get(0).equals("王芳"))).isTrue();
        HttpResponse<byte[]> rankings = http.download("/rankings/export.csv?month="
                + YearMonth.from(StoreFigures.read(dir.resolve("server/branch.db")).firstDay));
        assertThat(rankings.statusCode()).isEqualTo(200);
        assertThat(new String(rankings.body(), StandardCharsets.UTF_8)).startsWith("\uFEFF").contains("王芳");
        HttpResponse<byte[]> xlsx = http.download("/reports/export.xlsx?" + ticketsPeriod());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    }

    @Test
    @Order(8)
    void teller_cannotOpenAnotherTellersReportNorTheAdminPages() throws Exception {
        ConsoleHttp http = signedIn("teller1");
        assertThat(http.get("/tellers/t1").statusCode()).isEqualTo(200);
        assertThat(http.get("/tellers/t2").statusCode()).isEqualTo(403);
        assertThat(http.get("/tellers/t2/export.csv").statusCode()).isEqualTo(403);
        assertThat(http.get("/reports").statusCode()).isEqualTo(403);
        assertThat(http.get("/monitor").statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(http.get("/audit").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(9)
    void monitorStream_resumedWithLastEventId_getsWhatItMissed_notASnapshot() throws Exception {
        ConsoleHttp http = signedIn("super");
        String first;
        try (ConsoleHttp.EventStream stream = http.events(Optional.empty())) {
            assertThat(stream.next().type()).isEqualTo("snapshot");
            first = stream.lastId();
        }
        // A change while the page is away (a dropped connection, a laptop asleep).
        ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("B"), Bodies.IssuedTicket.class);
        try (ConsoleHttp.EventStream stream = http.events(Optional.of(first))) {
            ConsoleHttp.Event missed = stream.next();
            assertThat(missed.type()).isIn("services", "day", "counter");
            assertThat(stream.lastId()).isNotEqualTo(first);
        }
    }

    @Test
    @Order(10)
    void postWithoutTheCsrfToken_isRefusedAndAudited() throws Exception {
        ConsoleHttp http = signedIn("admin");
        Map<String, String> user = Map.of("login", "intruder", "name", "x", "role", "admin", "scope", "branch",
                "language", "en", "password", "long-enough-password");
        assertThat(http.post("/admin/users", user).statusCode()).isEqualTo(403);
        Map<String, String> wrong = new java.util.HashMap<>(user);
        wrong.put("csrf", "not-the-token");
        assertThat(http.post("/admin/users", wrong).statusCode()).isEqualTo(403);
        String audit = http.get("/audit").body();
        assertThat(audit).contains("csrf.refused").doesNotContain("user.add</td><td>intruder");
        Map<String, String> right = new java.util.HashMap<>(user);
        right.put("csrf", http.csrf());
        assertThat(http.post("/admin/users", right).statusCode()).isEqualTo(303);
        assertThat(http.get("/audit").body()).contains("export").contains("report.view").contains("user.add");
        // Every page in the user's language: this admin reads English, then switches to Chinese.
        assertThat(http.get("/admin/users").body()).contains("<h1>Users</h1>");
        assertThat(http.post("/language", Map.of("csrf", http.csrf(), "language", "zh")).statusCode()).isEqualTo(303);
        assertThat(http.get("/admin/users").body()).contains("<h1>用户管理</h1>");
        assertThat(http.get("/audit").body()).contains("user.language");
    }

    @Test
    @Order(11)
    void tellersChangedInTheConsole_countFromTheNextSignIn_withoutARestart() throws Exception {
        ConsoleHttp http = signedIn("admin");
        ok(caller2, Operation.TELLER_SIGN_OUT, new Bodies.None(), Bodies.CounterReply.class);
        assertThat(http.post("/admin/tellers", Map.of("csrf", http.csrf(), "id", "t9", "name", "新柜员",
                "employee-no", "E1009", "pin", "5678")).statusCode()).isEqualTo(303);
        Bodies.CounterReply in = ok(caller2, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t9", "5678"),
                Bodies.CounterReply.class);
        assertThat(in.counter().teller().name()).isEqualTo("新柜员");
        ok(caller2, Operation.TELLER_SIGN_OUT, new Bodies.None(), Bodies.CounterReply.class);

        assertThat(http.post("/admin/tellers/t9/disable", Map.of("csrf", http.csrf())).statusCode()).isEqualTo(303);
        assertThat(refusal(caller2, new Bodies.SignIn("t9", "5678"))).isEqualTo("UNKNOWN_TELLER");
        assertThat(http.post("/admin/tellers/t2/pin", Map.of("csrf", http.csrf(), "pin", "2468")).statusCode())
                .isEqualTo(303);
        assertThat(refusal(caller2, new Bodies.SignIn("t2", "1234"))).isEqualTo("BAD_PIN");
        assertThat(http.post("/admin/tellers/t2/rename", Map.of("csrf", http.csrf(), "name", "李娜娜")).statusCode())
                .isEqualTo(303);
        Bodies.CounterReply renamed = ok(caller2, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t2", "2468"),
                Bodies.CounterReply.class);
        assertThat(renamed.counter().teller().name()).isEqualTo("李娜娜");
        assertThat(http.post("/admin/tellers", Map.of("csrf", http.csrf(), "id", "t10", "name", "x",
                "employee-no", "E1", "pin", "12")).statusCode()).as("a 2-digit PIN").isEqualTo(400);
        String audit = http.get("/audit").body();
        assertThat(audit).contains("teller.add").contains("teller.disable").contains("teller.pin")
                .contains("teller.rename").doesNotContain("2468").doesNotContain("5678");
        assertThat(signedIn("teller1").get("/admin/tellers").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(12)
    void servicesAndCountersChangedInTheConsole_countAtOnce_withoutARestart() throws Exception {
        ConsoleHttp http = signedIn("admin");
        assertThat(http.post("/admin/floor/service/A/disable", Map.of()).statusCode()).as("no CSRF token")
                .isEqualTo(403);
        assertThat(http.post("/admin/floor/service/A/disable", Map.of("csrf", http.csrf())).statusCode()).isEqualTo(303);
        assertThat(errorOf(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A")))
                .as("a kiosk's ticket.issue over MQTT").isEqualTo("SERVICE_DISABLED");
        assertThat(http.post("/admin/floor/service/A/enable", Map.of("csrf", http.csrf())).statusCode()).isEqualTo(303);
        ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"), Bodies.IssuedTicket.class);

        assertThat(http.post("/admin/floor/service/B/rename", Map.of("csrf", http.csrf(), "name-zh", "公司业务",
                "name-en", "Corporate")).statusCode()).isEqualTo(303);
        Bodies.IssuedTicket b = ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("B"), Bodies.IssuedTicket.class);
        assertThat(b.serviceNameZh()).isEqualTo("公司业务");
        assertThat(b.serviceNameEn()).isEqualTo("Corporate");

        // Counter 2: the teller there stays; once they sign out, nobody signs in until it is enabled.
        assertThat(http.post("/admin/floor/counter/c2/disable", Map.of("csrf", http.csrf())).statusCode())
                .isEqualTo(303);
        ok(caller2, Operation.TELLER_SIGN_OUT, new Bodies.None(), Bodies.CounterReply.class);
        assertThat(refusal(caller2, new Bodies.SignIn("t2", "2468"))).isEqualTo("COUNTER_DISABLED");
        assertThat(http.post("/admin/floor/counter/c2/enable", Map.of("csrf", http.csrf())).statusCode()).isEqualTo(303);
        String named = "<b>贵宾</b>窗口";
        assertThat(http.post("/admin/floor/counter/c2/rename", Map.of("csrf", http.csrf(), "name-zh", named,
                "name-en", "VIP")).statusCode()).isEqualTo(303);
        Bodies.CounterReply in = ok(caller2, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t2", "2468"),
                Bodies.CounterReply.class);
        assertThat(in.counter().nameZh()).isEqualTo(named);
        assertThat(in.counter().nameEn()).isEqualTo("VIP");
        // The open monitor (the supervisor's browser) shows the new name, as text.
        browser.get(base + "monitor");
        awaitStreamOpen();
        HeadlessChromium.awaitText(browser, By.id("counter-c2"), named, Duration.ofSeconds(10));
        assertNoAlert();

        String page = http.get("/admin/floor").body();
        assertThat(page).contains("公司业务").contains("&lt;b&gt;贵宾&lt;/b&gt;窗口").doesNotContain(named);
        assertThat(http.post("/admin/floor/service/B/rename", Map.of("csrf", http.csrf(), "name-zh", " ",
                "name-en", "x")).statusCode()).as("a blank name").isEqualTo(400);
        assertThat(http.post("/admin/floor/service/Z/disable", Map.of("csrf", http.csrf())).statusCode())
                .as("no such service").isEqualTo(400);
        String audit = http.get("/audit").body();
        assertThat(audit).contains("service.disable").contains("service.enable").contains("service.rename")
                .contains("counter.disable").contains("counter.rename").contains("name-en=Corporate")
                .contains("name-en=Business");
        assertThat(signedIn("teller1").get("/admin/floor").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(13)
    void adminResetsAnotherUsersPassword_shownOnce_theirSessionsEnd() throws Exception {
        ConsoleHttp admin = signedIn("admin");
        ConsoleHttp teller = signedIn("teller1");
        long id = server.console().orElseThrow().console().users().find("teller1").orElseThrow().id();
        assertThat(admin.post("/admin/users/" + id + "/password", Map.of("password", "")).statusCode())
                .as("no CSRF token").isEqualTo(403);
        HttpResponse<String> reset = admin.post("/admin/users/" + id + "/password", Map.of("csrf", admin.csrf(),
                "password", ""));
        assertThat(reset.statusCode()).isEqualTo(200);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<code id=\"new-password\">([^<]+)</code>")
                .matcher(reset.body());
        assertThat(m.find()).as("the generated password is shown:\n%s", reset.body()).isTrue();
        String generated = m.group(1);
        assertThat(generated).hasSize(16);
        assertThat(teller.get("/tellers/t1").statusCode()).as("the old session has ended").isEqualTo(302);
        assertThat(new ConsoleHttp(base).login("teller1", generated).statusCode()).isEqualTo(303);
        assertThat(admin.get("/admin/users").body()).doesNotContain(generated);

        assertThat(admin.post("/admin/users/" + id + "/password", Map.of("csrf", admin.csrf(), "password", "short"))
                .statusCode()).isEqualTo(400);
        HttpResponse<String> set = admin.post("/admin/users/" + id + "/password", Map.of("csrf", admin.csrf(),
                "password", PASSWORD));
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("password-notice").doesNotContain(PASSWORD);
        assertThat(signedIn("teller1").get("/tellers/t1").statusCode()).isEqualTo(200);
        String audit = admin.get("/audit").body();
        assertThat(audit).contains("user.password").contains("sessions ended").doesNotContain(generated);
        long own = server.console().orElseThrow().console().users().find("admin").orElseThrow().id();
        assertThat(admin.post("/admin/users/" + own + "/password", Map.of("csrf", admin.csrf(), "password", ""))
                .statusCode()).as("not one's own").isEqualTo(400);
        assertThat(teller.get("/admin/users").statusCode()).isNotEqualTo(200);
    }

    @Test
    @Order(14)
    void tellerPhoto_checkedByItsBytes_storedByChecksum_shownInTheConsole() throws Exception {
        ConsoleHttp http = signedIn("admin");
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(24, 32, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", png);
        byte[] photo = png.toByteArray();
        assertThat(http.postFile("/admin/tellers/t1/photo", Map.of(), "photo", "me.png", photo).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(http.postFile("/admin/tellers/t1/photo", Map.of("csrf", http.csrf()), "photo", "evil.png",
                "<svg onload=alert(1)>".getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode())
                .as("not PNG nor JPEG by its bytes, whatever its name").isEqualTo(400);
        byte[] big = new byte[60 * 1024];
        System.arraycopy(photo, 0, big, 0, photo.length);
        assertThat(http.postFile("/admin/tellers/t1/photo", Map.of("csrf", http.csrf()), "photo", "big.png", big)
                .statusCode()).as("too big").isIn(400, 413);
        assertThat(http.postFile("/admin/tellers/t1/photo", Map.of("csrf", http.csrf()), "photo", "me.png", photo)
                .statusCode()).isEqualTo(303);

        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(photo));
        assertThat(dir.resolve("server/teller-photos/" + sha + ".png")).hasBinaryContent(photo);
        HttpResponse<byte[]> served = http.download("/admin/tellers/t1/photo");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        assertThat(served.body()).isEqualTo(photo);
        assertThat(http.get("/admin/tellers").body()).contains("src=\"/admin/tellers/t1/photo\"");
        assertThat(http.download("/admin/tellers/t2/photo").statusCode()).isEqualTo(404);
        assertThat(signedIn("teller1").download("/admin/tellers/t2/photo").statusCode()).as("another teller's")
                .isEqualTo(403);
        assertThat(http.get("/audit").body()).contains("teller.photo").contains(sha);
    }

    @Test
    @Order(15)
    void tellerPhoto_goesWithTheNextArm_andThePadFetchesItByChecksum_withoutASession() throws Exception {
        ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"), Bodies.IssuedTicket.class);
        ok(caller1, Operation.CALL_NEXT, new Bodies.None(), Bodies.CounterReply.class);
        ok(caller1, Operation.SERVICE_START, new Bodies.None(), Bodies.CounterReply.class);
        int armsBefore = arms.size();
        ok(caller1, Operation.SERVICE_COMPLETE, new Bodies.None(), Bodies.CounterReply.class);
        Bodies.RatingArm arm = awaitArm(armsBefore);
        assertThat(arm.teller().id()).isEqualTo("t1");
        assertThat(arm.photo()).as("t1's photo uploaded in the console").isNotNull();
        String sha = arm.photo().sha256();
        assertThat(arm.photo().url()).isEqualTo(base + "teller-photos/" + sha);

        java.net.http.HttpClient noSession = java.net.http.HttpClient.newHttpClient();
        HttpResponse<byte[]> fetched = noSession.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(arm.photo().url())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(fetched.body()))).isEqualTo(sha);
        assertThat(fetched.body()).isEqualTo(Files.readAllBytes(dir.resolve("server/teller-photos/" + sha + ".png")));
        for (String other : List.of("0".repeat(64), sha.toUpperCase(Locale.ROOT), "..%2F..%2Fconsole.db", sha + ".png")) {
            assertThat(noSession.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "teller-photos/"
                    + other)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).as(other).isEqualTo(404);
        }
    }

    @Test
    @Order(16)
    void serviceAddedInTheConsole_takenAtTheKioskAndCalledAtItsCounter_withoutARestart() throws Exception {
        ConsoleHttp http = signedIn("admin");
        Map<String, String> form = new java.util.HashMap<>(Map.of("id", "V", "prefix", "V", "name-zh", "<i>贵宾</i>业务",
                "name-en", "VIP", "first", "1", "last", "999", "opens", "00:00", "closes", "24:00", "weight-c1", "9"));
        assertThat(http.post("/admin/floor/add-service", form).statusCode()).as("no CSRF token").isEqualTo(403);
        form.put("csrf", http.csrf());
        form.put("prefix", "A");
        HttpResponse<String> clash = http.post("/admin/floor/add-service", form);
        assertThat(clash.statusCode()).as("the prefix of service A").isEqualTo(400);
        assertThat(clash.body()).contains("another service");
        assertThat(errorOf(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("V"))).isEqualTo("UNKNOWN_SERVICE");
        ConsoleHttp teller = signedIn("teller1");
        assertThat(teller.post("/admin/floor/add-service", Map.of("csrf", teller.csrf())).statusCode()).isEqualTo(403);

        form.put("prefix", "V");
        assertThat(http.post("/admin/floor/add-service", form).statusCode()).isEqualTo(303);
        Bodies.IssuedTicket v = ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("V"), Bodies.IssuedTicket.class);
        assertThat(v.ticket().number()).isEqualTo("V001");
        assertThat(v.serviceNameZh()).isEqualTo("<i>贵宾</i>业务");
        // Counter 1 (weight 9) calls it; whatever else is still waiting there may come first.
        String called = "";
        for (int i = 0; i < 10 && !called.equals("V001"); i++) {
            io.counterline.protocol.TicketRef t = ok(caller1, Operation.CALL_NEXT, new Bodies.None(),
                    Bodies.CounterReply.class).counter().ticket();
            called = t == null ? "" : t.number();
        }
        assertThat(called).isEqualTo("V001");
        assertThat(http.get("/admin/floor").body()).contains("id=\"service-V\"").contains("&lt;i&gt;贵宾&lt;/i&gt;业务")
                .doesNotContain("<i>贵宾</i>");
        assertThat(http.get("/audit").body()).contains("service.add").contains("prefix=V");
    }

    @Test
    @Order(20)
    void tenWrongPasswords_slowTheNextAttemptDown() throws Exception {
        ConsoleHttp http = new ConsoleHttp(base);
        assertThat(http.login("throttled", PASSWORD).statusCode()).as("the right password works at first").isEqualTo(303);
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(new ConsoleHttp(base).login("throttled", "wrong-password-" + i).statusCode());
        }
        assertThat(answers).allMatch(code -> code == 401 || code == 429).contains(429);
        HttpResponse<String> next = new ConsoleHttp(base).login("throttled", PASSWORD);
        assertThat(next.statusCode()).as("even the right password must wait").isEqualTo(429);
        assertThat(Long.parseLong(next.headers().firstValue("Retry-After").orElse("0"))).isPositive();
        // The admin sees it (the admin's session was opened before the address was slowed down).
        String users = adminSession.get("/admin/users").body();
        assertThat(users).contains("account:throttled").contains("address:127.0.0.1");
    }

    // ---------------------------------------------------------------- helpers

    private ConsoleHttp adminSession;

    private ConsoleHttp signedIn(String login) throws Exception {
        ConsoleHttp http = new ConsoleHttp(base);
        assertThat(http.login(login, PASSWORD).statusCode()).isEqualTo(303);
        if (login.equals("admin")) {
            adminSession = http;
        }
        return http;
    }

    private void awaitStreamOpen() {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "open".equals(
                d.findElement(By.tagName("body")).getAttribute("data-stream"))
                && d.findElement(By.tagName("body")).getAttribute("data-snapshot") != null);
    }

    private void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("a script ran: the teller's name was not escaped");
        } catch (NoAlertPresentException expected) {
            // the name is text
        }
    }

    private void assertFont() {
        if (!Files.exists(Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"))) {
            Binaries.require("no-such-program-wqy-microhei", "fonts-wqy-microhei");
        }
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private Bodies.RatingArm awaitArm(int before) throws Exception {
        return fixture.awaitArm(before);
    }

    /**
     * The business days the tickets were issued on (the store's {@code day}: branch zone, rollover hour): never
     * the console's default "today" at page-load time, which is the next calendar day from midnight in
     * Shanghai (16:00 UTC) while the tickets stay on the business day until the rollover hour.
     */
    private static String ticketsPeriod() throws Exception {
        return StoreFigures.read(dir.resolve("server/branch.db")).period();
    }

    /** Three more customers at counter 1: served and rated satisfied, served and rated very satisfied, no-show. */
    private void serveMore() throws Exception {
        for (int i = 0; i < 3; i++) {
            ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"), Bodies.IssuedTicket.class);
        }
        RatingLevel[] levels = {RatingLevel.SATISFIED, RatingLevel.VERY_SATISFIED};
        for (RatingLevel level : levels) {
            ok(caller1, Operation.CALL_NEXT, new Bodies.None(), Bodies.CounterReply.class);
            ok(caller1, Operation.SERVICE_START, new Bodies.None(), Bodies.CounterReply.class);
            int armsBefore = arms.size();
            ok(caller1, Operation.SERVICE_COMPLETE, new Bodies.None(), Bodies.CounterReply.class);
            Bodies.RatingArm arm = awaitArm(armsBefore);
            pad.record(EventType.RATING_GIVEN, new Bodies.RatingGiven(arm.armId(), arm.ticket().id(), arm.counter(),
                    arm.teller().id(), level));
        }
        ok(caller1, Operation.CALL_NEXT, new Bodies.None(), Bodies.CounterReply.class);
        ok(caller1, Operation.TICKET_NO_SHOW, new Bodies.None(), Bodies.CounterReply.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> pad.outbox().size() == 0
                && StoreFigures.read(dir.resolve("server/branch.db")).rated == 3);
    }

    /** The error code of a sign-in the engine refuses. */
    private String refusal(DeviceRuntime d, Bodies.SignIn args) throws Exception {
        return errorOf(d, Operation.TELLER_SIGN_IN, args);
    }

    /** The error code of a request the engine refuses. */
    private String errorOf(DeviceRuntime d, Operation op, Object args) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(d::isConnected);
        Response r = d.requests().send(UUID.randomUUID().toString(), op, args, Duration.ofSeconds(2))
                .get(10, TimeUnit.SECONDS);
        assertThat(r.ok()).as("%s %s should be refused", op, args).isFalse();
        return r.error().code();
    }

    private <T> T ok(DeviceRuntime d, Operation op, Object args, Class<T> type) throws Exception {
        return fixture.ok(d, op, args, type);
    }

    /** The day's figures straight from the store, computed here independently of the console. */
    private static final class StoreFigures {
        int issued;
        int served;
        int noShow;
        int rated;
        int verySatisfied;
        int satisfied;
        int dissatisfied;
        double waitMean;
        double waitMedian;
        LocalDate firstDay;
        LocalDate lastDay;

        /** The report query covering every ticket in the store. */
        String period() {
            return "from=" + firstDay + "&to=" + lastDay;
        }

        static StoreFigures read(Path db) throws Exception {
            StoreFigures f = new StoreFigures();
            List<Double> waits = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT status, issued_at, called_at, day FROM tickets")) {
                    while (rs.next()) {
                        String status = rs.getString(1);
                        LocalDate day = LocalDate.parse(rs.getString(4));
                        f.firstDay = f.firstDay == null || day.isBefore(f.firstDay) ? day : f.firstDay;
                        f.lastDay = f.lastDay == null || day.isAfter(f.lastDay) ? day : f.lastDay;
                        f.issued += "VOIDED".equals(status) ? 0 : 1;
                        f.served += "COMPLETED".equals(status) ? 1 : 0;
                        f.noShow += "NO_SHOW".equals(status) ? 1 : 0;
                        if (rs.getString(3) != null) {
                            waits.add(Duration.between(Instant.parse(rs.getString(2)), Instant.parse(rs.getString(3)))
                                    .toMillis() / 1000.0);
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT level FROM ratings")) {
                    while (rs.next()) {
                        f.rated++;
                        switch (rs.getString(1)) {
                            case "very-satisfied" -> f.verySatisfied++;
                            case "satisfied" -> f.satisfied++;
                            case "dissatisfied" -> f.dissatisfied++;
                            default -> { }
                        }
                    }
                }
            }
            Collections.sort(waits);
            f.waitMean = waits.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            // The lower middle value for an even count, as the console's nearest-rank median.
            f.waitMedian = waits.isEmpty() ? 0 : waits.get((waits.size() + 1) / 2 - 1);
            return f;
        }
    }
}
