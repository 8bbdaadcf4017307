package io.counterline.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.console.auth.Role;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Command;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.RatingLevel;
import io.counterline.server.BranchServer;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.counterline.console.supervision.SupervisionStore;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Supervision's pages in a real Chromium against a real branch server (engine, store, embedded
 * broker, devices speaking MQTT): a work order created, assigned, started, answered, closed and
 * reopened in the console; hostile text shown as text; a past deadline refused; a "dissatisfied"
 * rating through the real pad path becomes an order; a teller sees only the orders they own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SupervisionBrowserIT {
    private static final String HTML = "<script>alert('x')</script><b>bold</b>";

    @TempDir
    static Path dir;

    private final MessageCodec codec = new MessageCodec();
    private ConsoleBranch fixture;
    private List<Command> arms;
    private BranchServer server;
    private DeviceRuntime kiosk;
    private DeviceRuntime caller;
    private DeviceRuntime pad;
    private WebDriver browser;
    private String base;
    private String orderUrl;
    private Path consoleDb;

    /** The branch day this class started on: everything it creates falls from here to now. */
    private final LocalDate firstDay = LocalDate.now(TestBranch.ZONE);

    /**
     * The period this run covers, in the branch's zone: the report's default ("this month up to today" at
     * page-load time) misses what was created before midnight in Shanghai when a run crosses a month.
     */
    private String runPeriod() {
        return "from=" + firstDay + "&to=" + LocalDate.now(TestBranch.ZONE);
    }

    @BeforeAll
    void start() throws Exception {
        TestBranch branch = new TestBranch(dir).withQueue().extra("console { listen = \"127.0.0.1:0\", heartbeat = 1s }");
        consoleDb = branch.config().console().orElseThrow().database();
        fixture = ConsoleBranch.of(dir, branch)
                .user("boss", "Boss", Role.BRANCH_MANAGER, null, "en")
                .user("admin", "Admin", Role.ADMIN, null, "en")
                .user("teller1", "王芳", Role.TELLER, "t1", "zh")
                .user("teller2", "李娜", Role.TELLER, "t2", "en")
                .device("kiosk-1", DeviceRole.KIOSK).device("caller-1", DeviceRole.COUNTER_CALLER)
                .device("pad-1", DeviceRole.RATING_PAD).start();
        server = fixture.server();
        browser = fixture.browser();
        base = fixture.base();
        arms = fixture.arms;
        kiosk = fixture.device("kiosk-1");
        caller = fixture.device("caller-1");
        pad = fixture.device("pad-1");
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void supervisor_createsAnOrderFromThePhone_hostileTextShownAsText() {
        signIn("boss");
        browser.get(base + "supervision");
        new Select(browser.findElement(By.id("category"))).selectByValue("complaint");
        new Select(browser.findElement(By.id("channel"))).selectByValue("phone");
        browser.findElement(By.id("description")).sendKeys(HTML);
        browser.findElement(By.id("contact")).sendKeys(HTML);
        new Select(browser.findElement(By.id("counter"))).selectByValue("c1");
        new Select(browser.findElement(By.id("teller"))).selectByValue("t1");
        browser.findElement(By.id("create-order")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/supervision/orders/[0-9]+$"));
        orderUrl = browser.getCurrentUrl();
        assertThat(text("state")).isEqualTo("New");
        assertThat(text("description")).isEqualTo(HTML);
        assertThat(text("contact")).isEqualTo(HTML);
        assertThat(browser.findElements(By.cssSelector("#description b"))).as("no markup from the form").isEmpty();
    }

    @Test
    @Order(2)
    void assignStartAnswerCloseReopen_eachStepRecorded() {
        browser.get(orderUrl);
        new Select(browser.findElement(By.id("assign-owner"))).selectByValue("teller2");
        browser.findElement(By.id("note-assign")).sendKeys("please call back");
        step("assign", "Assigned");
        assertThat(text("order-owner")).isEqualTo("teller2");
        step("start", "In progress");
        browser.findElement(By.id("note-answer")).sendKeys("called the customer");
        step("answer", "Answered");
        step("close", "Closed");
        browser.findElement(By.id("note-reopen")).sendKeys("customer called again");
        step("reopen", "Assigned");
        assertThat(browser.findElements(By.cssSelector("#history tbody tr"))).hasSize(6);
        assertThat(browser.findElement(By.id("history")).getText()).contains("called the customer")
                .contains("customer called again").contains("boss");
    }

    @Test
    @Order(3)
    void badInput_pastDeadlineAndSubjectAsOwner_refusedClearly() {
        browser.get(base + "supervision");
        int rows = browser.findElements(By.cssSelector("#orders tbody tr")).size();
        browser.findElement(By.id("description")).sendKeys("x");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2020-01-01T10:00'",
                browser.findElement(By.id("deadline")));
        browser.findElement(By.id("create-order")).click();
        assertThat(message()).contains("is not in the future");
        browser.get(base + "supervision");
        new Select(browser.findElement(By.id("teller"))).selectByValue("t1");
        new Select(browser.findElement(By.id("owner"))).selectByValue("teller1");
        browser.findElement(By.id("description")).sendKeys("x");
        browser.findElement(By.id("create-order")).click();
        assertThat(message())
                .contains("the teller an order is about cannot be its owner");
        browser.get(base + "supervision");
        assertThat(browser.findElements(By.cssSelector("#orders tbody tr"))).as("nothing stored").hasSize(rows);
    }

    @Test
    @Order(4)
    void dissatisfiedRatingAtThePad_becomesAnOrder() throws Exception {
        ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"), Bodies.IssuedTicket.class);
        ok(caller, Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234"), Bodies.CounterReply.class);
        ok(caller, Operation.CALL_NEXT, new Bodies.None(), Bodies.CounterReply.class);
        ok(caller, Operation.SERVICE_START, new Bodies.None(), Bodies.CounterReply.class);
        int before = arms.size();
        ok(caller, Operation.SERVICE_COMPLETE, new Bodies.None(), Bodies.CounterReply.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> arms.size() > before);
        Bodies.RatingArm arm = codec.decodeBody(arms.get(arms.size() - 1).body(), Bodies.RatingArm.class).orThrow();
        pad.record(EventType.RATING_GIVEN, new Bodies.RatingGiven(arm.armId(), arm.ticket().id(), arm.counter(),
                arm.teller().id(), RatingLevel.DISSATISFIED));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.get(base + "supervision");
            assertThat(browser.findElement(By.id("orders")).getText()).contains("Rating pad");
        });
    }

    @Test
    @Order(5)
    void tellers_seeOnlyTheOrdersTheyOwn() {
        signOut();
        signIn("teller1");
        browser.get(base + "supervision");
        assertThat(browser.findElements(By.cssSelector("#orders tbody tr"))).as("both orders are about teller1").isEmpty();
        browser.get(orderUrl);
        assertThat(browser.getTitle()).contains("403");
        signOut();
        signIn("teller2");
        browser.get(base + "supervision");
        assertThat(browser.findElements(By.cssSelector("#orders tbody tr"))).hasSize(1);
        browser.get(orderUrl);
        assertThat(text("contact")).as("the owner sees the customer's contact").isEqualTo(HTML);
        assertThat(browser.findElements(By.id("act-close"))).as("closing is a supervisor's").isEmpty();
        step("start", "In progress");
    }

    @Test
    @Order(6)
    void admin_editsTheCalendar_badSettingsRefused_reportExportsAsCsv() throws Exception {
        signOut();
        signIn("admin");
        browser.get(base + "supervision/calendar");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2026-12-19'",
                browser.findElement(By.id("cal-day")));
        new Select(browser.findElement(By.id("kind"))).selectByValue("workday");
        browser.findElement(By.name("note")).sendKeys(HTML);
        browser.findElement(By.id("cal-save")).click();
        HeadlessChromium.awaitText(browser, By.id("calendar"), "2026-12-19", Duration.ofSeconds(10));
        assertThat(browser.findElement(By.id("calendar")).getText()).contains("Make-up working day").contains(HTML);
        browser.findElement(By.id("limit-consultation")).sendKeys("6h");
        browser.findElement(By.id("limit-save-consultation")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(
                By.cssSelector("#category-consultation td.limit"), "6h"));
        browser.findElement(By.id("limit-complaint")).sendKeys("2w");
        browser.findElement(By.id("limit-save-complaint")).click();
        assertThat(message()).contains("looks like 4h or 2d");
        browser.get(base + "supervision/calendar");
        assertThat(text("category-complaint")).contains("2d");
        browser.findElement(By.name("workday-start")).clear();
        browser.findElement(By.name("workday-start")).sendKeys("25:00");
        browser.findElement(By.id("settings-save")).click();
        assertThat(message()).contains("looks like 09:00");

        browser.get(base + "supervision/report?" + runPeriod());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("On-time rate").contains("Complaint");
        String cookie = browser.manage().getCookieNamed("cl_session").getValue();
        HttpResponse<byte[]> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        browser.findElement(By.id("export-csv")).getAttribute("href")))
                .header("Cookie", "cl_session=" + cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("Complaint").contains("Rating pad");
    }

    @Test
    @Order(7)
    void correctionNotebook_reviewNamesNoOne_tellerSeesOwn() {
        browser.get(base + "supervision/notebook");
        new Select(browser.findElement(By.id("note-teller"))).selectByValue("t1");
        new Select(browser.findElement(By.id("note-counter"))).selectByValue("c1");
        browser.findElement(By.id("note-observed")).sendKeys(HTML);
        browser.findElement(By.id("note-procedure")).sendKeys("verify the ID card first");
        browser.findElement(By.id("note-save")).click();
        HeadlessChromium.awaitText(browser, By.id("review"), "verify the ID card first", Duration.ofSeconds(10));
        assertThat(text("review")).contains(HTML).doesNotContain("王芳");
        assertThat(text("procedure-counts")).contains("verify the ID card first");
        signOut();
        signIn("teller1");
        browser.get(base + "supervision/notebook");
        assertThat(text("own-notes")).contains(HTML).contains("verify the ID card first");
        signOut();
        signIn("teller2");
        browser.get(base + "supervision/notebook");
        assertThat(browser.findElements(By.cssSelector("#own-notes tbody tr"))).isEmpty();
    }

    @Test
    @Order(8)
    void inspection_failedItemBecomesARectificationOrder() {
        signOut();
        signIn("admin");
        browser.get(base + "supervision/inspections");
        browser.findElement(By.id("checklist-name")).sendKeys("Environment");
        browser.findElement(By.id("checklist-items")).sendKeys("Hall clean\nCaller screen works\n" + HTML);
        browser.findElement(By.id("checklist-save")).click();
        HeadlessChromium.awaitText(browser, By.id("checklists"), "Environment", Duration.ofSeconds(10));
        browser.findElement(By.cssSelector("#checklists a")).click();
        new Select(browser.findElement(By.id("counter"))).selectByValue("c1");
        new Select(browser.findElement(By.id("result-1"))).selectByValue("fail");
        browser.findElement(By.id("note-1")).sendKeys("screen dark");
        new Select(browser.findElement(By.id("owner-1"))).selectByValue("boss");
        assertThat(browser.findElement(By.cssSelector("form.order")).getText()).contains(HTML);
        browser.findElement(By.id("inspection-save")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.id("checklists")));
        assertThat(text("table-0")).as("daily summary").contains("66.7%");
        browser.get(base + "supervision");
        assertThat(text("orders")).contains("Inspection").contains("boss");
        browser.get(base + "supervision/report?" + runPeriod());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Pass rate").contains("66.7%")
                .contains("verify the ID card first");
    }

    @Test
    @Order(9)
    void counterCallersOrder_appearsInTheConsole_andItsReminderOnTheLiveMonitor() throws Exception {
        // caller-1 has t1 signed in and completed a ticket in test 4, moments ago: it is linked.
        Bodies.OrderCreated created = ok(caller, Operation.ORDER_CREATE, new Bodies.NewOrder("complaint", HTML, null),
                Bodies.OrderCreated.class);
        assertThat(created.ticket()).startsWith("A");
        signOut();
        signIn("boss");
        browser.get(base + "supervision/orders/" + created.order());
        assertThat(text("description")).as("hostile text from the counter shown as text").isEqualTo(HTML);
        assertThat(browser.findElement(By.id("order")).getText()).contains("Counter").contains(created.ticket())
                .contains("王芳");

        browser.get(base + "monitor");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "open".equals(d.findElement(By.tagName("body"))
                .getAttribute("data-stream")));
        try (SupervisionStore settings = SupervisionStore.open(consoleDb)) {
            settings.setSetting("reminder-before", "999d"); // every open order's reminder falls due now
        }
        server.console().orElseThrow().console().supervision().escalator().tick();
        WebElement row = new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions
                .presenceOfElementLocated(By.cssSelector("#notices tr[data-order='" + created.order() + "']")));
        assertThat(row.getAttribute("data-level")).isEqualTo("reminder");
        assertThat(row.getText()).contains("#" + created.order() + " complaint").contains("1号窗口");
        row.findElement(By.tagName("a")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/supervision/orders/"
                + created.order()));
    }

    // ---------------------------------------------------------------- helpers

    private void signIn(String login) {
        fixture.signIn(login);
    }

    private void signOut() {
        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
    }

    private void step(String action, String state) {
        browser.findElement(By.id("act-" + action)).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("state"), state));
    }

    /** The message of a refused request's page, once it has loaded. */
    private String message() {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("p.message"))).getText();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private <T> T ok(DeviceRuntime d, Operation op, Object args, Class<T> type) throws Exception {
        return fixture.ok(d, op, args, type);
    }
}
