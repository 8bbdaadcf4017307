package io.counterline.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.counterline.console.auth.Role;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Command;
import io.counterline.protocol.MessageCodec;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Add a counter" in a real Chromium against a real branch server (engine, store, embedded broker):
 * the admin adds counter c9 with its caller and pad, the page shows their secrets once, and real
 * device runtimes connecting with those secrets sign a teller in at c9, call a ticket and get the
 * rating arm, without a restart. In order: the later tests use the counter the first one added.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AddCounterBrowserIT {
    private static final String HTML_NAME = "<script>alert('c9')</script>";

    @TempDir
    static Path dir;

    private ConsoleBranch fixture;
    private WebDriver browser;
    private String base;
    private DeviceRuntime kiosk;
    private String callerSecret;
    private String padSecret;
    private DeviceRuntime caller;
    private DeviceRuntime pad;
    private final List<Command> padCommands = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        TestBranch branch = new TestBranch(dir).withQueue().extra("console { listen = \"127.0.0.1:0\", heartbeat = 1s }");
        fixture = ConsoleBranch.of(dir, branch)
                .user("admin", "Admin", Role.ADMIN, null, "en")
                .user("teller1", "王芳", Role.TELLER, "t1", "zh")
                .device("kiosk-1", DeviceRole.KIOSK).start();
        browser = fixture.browser();
        base = fixture.base();
        kiosk = fixture.device("kiosk-1");
    }

    @AfterAll
    void stop() throws Exception {
        for (DeviceRuntime d : new DeviceRuntime[] {pad, caller}) {
            if (d != null) {
                d.close();
            }
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void admin_addsACounter_andSeesItsDevicesSecretsOnce_nameShownAsText() throws Exception {
        fixture.signIn("admin");
        browser.get(base + "admin/floor");
        browser.findElement(By.id("new-counter-id")).sendKeys("c9");
        browser.findElement(By.id("new-counter-number")).sendKeys("9");
        browser.findElement(By.id("new-counter-name-zh")).sendKeys(HTML_NAME);
        browser.findElement(By.id("new-counter-name-en")).sendKeys("Counter 9");
        browser.findElement(By.id("new-counter-weight-A")).sendKeys("3");
        browser.findElement(By.id("new-counter-caller")).sendKeys("caller-9");
        browser.findElement(By.id("new-counter-pad")).sendKeys("pad-9");
        browser.findElement(By.id("add-counter-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.id("counter-secrets")));
        callerSecret = browser.findElement(By.id("secret-caller")).getText();
        padSecret = browser.findElement(By.id("secret-pad")).getText();
        assertThat(callerSecret).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(padSecret);
        assertThat(browser.findElement(By.id("counter-c9")).getText()).contains(HTML_NAME).contains("Counter 9");
        assertNoAlert();
        assertThat(browser.getPageSource()).doesNotContain(HTML_NAME);

        // Once: the page seen again has no secrets; the console keeps hashes only, the audit no secret.
        browser.get(base + "admin/floor");
        assertThat(browser.findElements(By.id("counter-secrets"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(callerSecret).doesNotContain(padSecret);
        byte[] db = Files.readAllBytes(dir.resolve("server/console.db"));
        String dbText = new String(db, StandardCharsets.ISO_8859_1);
        assertThat(dbText).doesNotContain(callerSecret).doesNotContain(padSecret);
        assertThat(hashOf("caller-9")).startsWith("$7$101$");
        String audit = admin().get("/audit").body();
        assertThat(audit).contains("counter.add").contains("caller=caller-9").contains("pad=pad-9")
                .doesNotContain(callerSecret).doesNotContain(padSecret);
    }

    @Test
    @Order(2)
    void devicesWithTheShownSecrets_signATellerIn_callATicket_andThePadIsArmed() throws Exception {
        caller = DeviceRuntime.start(TestDevices.settings("caller-9", DeviceRole.COUNTER_CALLER, fixture.server()
                .brokerUri(), dir, callerSecret), Clock.systemUTC());
        pad = DeviceRuntime.start(TestDevices.settings("pad-9", DeviceRole.RATING_PAD, fixture.server().brokerUri(), dir,
                padSecret), Clock.systemUTC());
        pad.onCommand(padCommands::add);
        await().atMost(Duration.ofSeconds(20)).until(() -> caller.isConnected() && pad.isConnected());

        Bodies.IssuedTicket t = fixture.ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"),
                Bodies.IssuedTicket.class);
        Bodies.CounterReply in = fixture.ok(caller, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234"),
                Bodies.CounterReply.class);
        assertThat(in.counter().counter()).isEqualTo("c9");
        Bodies.CounterReply called = fixture.ok(caller, Operation.CALL_NEXT, new Bodies.None(),
                Bodies.CounterReply.class);
        assertThat(called.counter().ticket().number()).isEqualTo(t.ticket().number());

        // The monitor shows the new counter calling that ticket, and reports can filter by it.
        browser.get(base + "monitor");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(
                By.cssSelector("#counter-c9 td.ticket"), t.ticket().number()));
        assertNoAlert();
        browser.get(base + "reports");
        assertThat(browser.findElements(By.cssSelector("select[name=counter] option[value=c9]"))).hasSize(1);
        browser.get(base + "fleet");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#device-caller-9.online")));
        assertThat(browser.findElements(By.id("device-pad-9"))).hasSize(1);

        fixture.ok(caller, Operation.SERVICE_START, new Bodies.None(), Bodies.CounterReply.class);
        fixture.ok(caller, Operation.SERVICE_COMPLETE, new Bodies.None(), Bodies.CounterReply.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !padCommands.isEmpty());
        Bodies.RatingArm arm = new MessageCodec().decodeBody(padCommands.get(0).body(), Bodies.RatingArm.class)
                .orThrow();
        assertThat(arm.counter()).isEqualTo("c9");
        assertThat(arm.ticket().id()).isEqualTo(t.ticket().id());
    }

    @Test
    @Order(3)
    void theAddedCaller_mayUploadRecordings_withItsSecret_andOnlyIt() throws Exception {
        // HEAD of an unknown segment: 200 with offset 0 for a counter caller, 401 for anyone else
        String segment = "/recordings/upload/" + java.util.UUID.randomUUID();
        assertThat(uploadHead(segment, "caller-9", callerSecret)).isEqualTo(200);
        assertThat(uploadHead(segment, "caller-9", "not-the-secret-of-caller-9")).isEqualTo(401);
        assertThat(uploadHead(segment, "pad-9", padSecret)).as("a pad is no counter caller").isEqualTo(401);
    }

    private int uploadHead(String path, String device, String secret) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((device + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpRequest head = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        base.replaceAll("/$", "") + path))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(10)).build();
        return java.net.http.HttpClient.newHttpClient().send(head, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    @Order(4)
    void wrongSecret_isRefusedByTheBroker() {
        assertThatThrownBy(() -> connect("caller-9", "not-the-secret-of-caller-9")).isInstanceOf(
                MqttSecurityException.class);
        assertThatThrownBy(() -> connect("pad-9", callerSecret)).as("another device's secret")
                .isInstanceOf(MqttSecurityException.class);
    }

    @Test
    @Order(5)
    void badForms_areRefused_nothingAdded() throws Exception {
        ConsoleHttp http = admin();
        Map<String, String> form = new HashMap<>(Map.of("id", "c10", "number", "10", "name-zh", "十号窗口",
                "name-en", "Counter 10", "weight-A", "1", "caller", "caller-10", "pad", "pad-10"));
        assertThat(http.post("/admin/floor/add-counter", form).statusCode()).as("no CSRF token").isEqualTo(403);
        form.put("csrf", http.csrf());
        for (Map.Entry<String, String> bad : List.of(Map.entry("id", "c1"), Map.entry("caller", "kiosk-1"),
                Map.entry("pad", "caller-9"), Map.entry("caller", TestBranch.SERVER), Map.entry("pad", "caller-10"),
                Map.entry("weight-A", "101"), Map.entry("number", "12345"), Map.entry("caller", "a/b"))) {
            Map<String, String> f = new HashMap<>(form);
            f.put(bad.getKey(), bad.getValue());
            assertThat(http.post("/admin/floor/add-counter", f).statusCode()).as("%s", bad).isEqualTo(400);
        }
        ConsoleHttp teller = new ConsoleHttp(base);
        assertThat(teller.login("teller1", ConsoleBranch.PASSWORD).statusCode()).isEqualTo(303);
        Map<String, String> asTeller = new HashMap<>(form);
        asTeller.put("csrf", teller.csrf());
        assertThat(teller.post("/admin/floor/add-counter", asTeller).statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/floor").body()).doesNotContain("counter-c10");
        assertThat(http.get("/audit").body()).contains("csrf.refused");
    }

    private ConsoleHttp admin() throws Exception {
        ConsoleHttp http = new ConsoleHttp(base);
        assertThat(http.login("admin", ConsoleBranch.PASSWORD).statusCode()).isEqualTo(303);
        return http;
    }

    private void connect(String user, String secret) throws Exception {
        MqttClient c = new MqttClient(fixture.server().brokerUri(), user, new MemoryPersistence());
        try {
            c.connect(TestDevices.connectOptions(user, secret));
            c.disconnect();
        } finally {
            c.close();
        }
    }

    private static String hashOf(String device) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server/console.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT caller_secret_hash FROM added_counters WHERE caller = '" + device
                     + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("a script ran in the page");
        } catch (NoAlertPresentException expected) {
            // the hostile name stayed text
        }
    }
}
