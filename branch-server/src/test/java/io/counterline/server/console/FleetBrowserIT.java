package io.counterline.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Health;
import io.counterline.server.BranchServer;
import io.counterline.server.testing.HeadlessChromium;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The devices page ({@code /fleet}) in a real Chromium against a real branch server (engine,
 * store, embedded broker) with real device runtimes connected: what each device's retained
 * status says, for technicians and admins only, within the user's scope.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FleetBrowserIT {
    private static final String PASSWORD = "correct-horse-9";

    @TempDir
    static Path dir;

    private final List<Command> kioskCommands = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger kioskRestarts = new java.util.concurrent.atomic.AtomicInteger();
    private BranchServer server;
    private DeviceRuntime kiosk;
    private DeviceRuntime pad;
    private WebDriver browser;
    private String base;
    private String brokerUri;

    @BeforeAll
    void start() throws Exception {
        browser = HeadlessChromium.start(dir); // first: skips at once when Chromium is missing
        TestBranch branch = new TestBranch(dir).withQueue().device("hall-2", "hall-display").extra("console { listen = \"127.0.0.1:0\", heartbeat = 1s }");
        server = BranchServer.start(branch.config(), Clock.systemUTC());
        ConsoleUsers users = server.console().orElseThrow().console().users();
        users.add("test", "local", "tech", "Technician", Role.TECHNICIAN, Scope.BRANCH, Optional.empty(), "en", PASSWORD)
                .join();
        users.add("test", "local", "tech2", "Technician c2", Role.TECHNICIAN, Scope.parse("counters=c2"),
                Optional.empty(), "en", PASSWORD).join();
        users.add("test", "local", "super", "Supervisor", Role.QUALITY_SUPERVISOR, Scope.BRANCH, Optional.empty(), "en",
                PASSWORD).join();
        base = server.console().orElseThrow().console().url();
        brokerUri = branch.brokerUri();
        kiosk = TestDevices.start("kiosk-1", DeviceRole.KIOSK, branch.brokerUri(), dir);
        kiosk.onCommand(kioskCommands::add);
        kiosk.onRestart(kioskRestarts::incrementAndGet); // the apps give Shutdown::restart (DeviceMainTest)
        pad = TestDevices.start("pad-1", DeviceRole.RATING_PAD, branch.brokerUri(), dir);
        await().atMost(Duration.ofSeconds(20)).until(() -> kiosk.isConnected() && pad.isConnected());
        kiosk.health().report("printer", Health.degraded("paper near end"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable c : new AutoCloseable[] {pad, kiosk, server}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    @Test
    void technician_seesEveryDevice_presenceVersionHealthClock_andAPadThatDrops() throws Exception {
        browser.get(base + "login");
        browser.findElement(By.id("login")).sendKeys("tech");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/fleet"));

        // The kiosk's status once it has estimated its clock and reported the printer.
        reloadUntil("#device-kiosk-1", "paper near end");
        String kioskRow = browser.findElement(By.id("device-kiosk-1")).getText();
        assertThat(kioskRow).contains("kiosk", DeviceRuntime.VERSION, "online", "degraded");
        reloadUntil("#device-kiosk-1 td:nth-child(8)", " ms");
        assertThat(browser.findElement(By.cssSelector("#device-kiosk-1 td:nth-child(8)")).getText())
                .matches("[+−]?\\d+ ms.*");
        // Uptime and the data folder's free disk, read by the kiosk's runtime on this (Linux) machine.
        assertThat(browser.findElement(By.cssSelector("#device-kiosk-1 td:nth-child(9)")).getText())
                .matches("\\d+ (min|h \\d+ min|d \\d+ h)");
        assertThat(browser.findElement(By.cssSelector("#device-kiosk-1 td:nth-child(10)")).getText())
                .matches("\\d+(\\.\\d)? (MiB|GiB).*");
        assertThat(browser.findElement(By.id("device-pad-1")).getText()).contains("rating-pad", "online");
        // Registered in the branch file, never connected.
        assertThat(browser.findElement(By.id("device-kiosk-2")).getText()).contains("never connected");
        assertThat(browser.findElement(By.id("device-hall-1")).getText()).contains("never connected");
        assertThat(browser.findElement(By.cssSelector("header nav")).getText()).contains("Devices")
                .doesNotContain("Monitor");

        // A kiosk's test page: the command reaches the kiosk over the broker.
        browser.findElement(By.id("test-page-kiosk-1")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/fleet$"));
        await().atMost(Duration.ofSeconds(10)).until(() -> kioskCommands.stream()
                .anyMatch(c -> c.type() == CommandType.PRINT_TEST_PAGE && c.device().equals("kiosk-1")));
        assertThat(browser.findElements(By.id("test-page-pad-1"))).as("only kiosks print").isEmpty();

        // Restart (= reload config): the command reaches the kiosk's runtime, which calls the app's restart.
        browser.findElement(By.id("restart-kiosk-1")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/fleet$"));
        await().atMost(Duration.ofSeconds(10)).until(() -> kioskRestarts.get() == 1);
        assertThat(kioskCommands).filteredOn(c -> c.type() == CommandType.DEVICE_RESTART).hasSize(1);
        assertThat(browser.findElements(By.id("restart-kiosk-2"))).as("never connected: nothing to restart").isEmpty();

        pad.close();
        pad = null;
        reloadUntil("#device-pad-1", "offline");
        assertThat(browser.findElement(By.id("fleet-summary")).getText()).contains("devices,").contains("need attention");
    }

    /**
     * A Pi with a thermal zone and a nearly full card: its status (published with its own broker
     * credentials, as the hall display would) shows the temperature and flags the disk.
     */
    @Test
    void deviceWithLowDiskAndATemperature_isFlagged() throws Exception {
        DeviceSettings hall = TestDevices.settings("hall-2", DeviceRole.HALL_DISPLAY, brokerUri, dir);
        try (PahoMessageBus bus = new PahoMessageBus(hall.bus(), Optional.empty()).start()) {
            await().atMost(Duration.ofSeconds(20)).until(bus::isConnected);
            bus.publish(Topics.of(TestBranch.BRANCH).status("hall-2"), new MessageCodec().encode(new DeviceStatus(
                    MessageCodec.VERSION, "hall-2", DeviceRole.HALL_DISPLAY, true, Health.OK, "0.1.0", Instant.now(),
                    12L, new DeviceStatus.Vitals(3 * 86_400L + 4 * 3600L, 312L, 71.5))), true);
            ConsoleHttp tech = new ConsoleHttp(base);
            assertThat(tech.login("tech", PASSWORD).statusCode()).isEqualTo(303);
            await().atMost(Duration.ofSeconds(10)).until(() -> tech.get("/fleet").body().contains("71.5 °C"));
            String body = tech.get("/fleet").body();
            String row = body.substring(body.indexOf("id=\"device-hall-2\""));
            row = row.substring(0, row.indexOf("</tr>"));
            assertThat(row).contains("3 d 4 h", "312 MiB — low disk", "class=\"warn\"", "71.5 °C");
        }
    }

    @Test
    void scopedTechnician_seesOnlyTheirCounters_supervisorIsRefused() throws Exception {
        ConsoleHttp c2 = new ConsoleHttp(base);
        assertThat(c2.login("tech2", PASSWORD).statusCode()).isEqualTo(303);
        HttpResponse<String> page = c2.get("/fleet");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"device-caller-2\"").doesNotContain("device-kiosk-1", "device-pad-1",
                "device-caller-1");
        int before = kioskCommands.size();
        String csrf = ConsoleHttp.csrfOf(page.body());
        assertThat(c2.post("/fleet/kiosk-1/test-page", Map.of("csrf", csrf)).statusCode()).as("kiosk outside the scope")
                .isEqualTo(400);
        assertThat(c2.post("/fleet/kiosk-1/test-page", Map.of()).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(c2.post("/fleet/kiosk-1/restart", Map.of("csrf", csrf)).statusCode()).as("restart outside the scope")
                .isEqualTo(400);
        assertThat(c2.post("/fleet/kiosk-1/restart", Map.of()).statusCode()).as("restart without CSRF").isEqualTo(403);

        ConsoleHttp supervisor = new ConsoleHttp(base);
        assertThat(supervisor.login("super", PASSWORD).statusCode()).isEqualTo(303);
        assertThat(supervisor.get("/fleet").statusCode()).isEqualTo(403);
        assertThat(supervisor.post("/fleet/kiosk-1/test-page", Map.of("csrf", supervisor.csrf())).statusCode())
                .isEqualTo(403);
        assertThat(supervisor.post("/fleet/kiosk-1/restart", Map.of("csrf", supervisor.csrf())).statusCode())
                .isEqualTo(403);
        assertThat(kioskCommands).hasSize(before);
        assertThat(kioskRestarts.get()).isLessThanOrEqualTo(1);
    }

    /** Reloads the page (a bounded wait) until the element's text contains {@code text}. */
    private void reloadUntil(String css, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(300)).until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text));
        });
    }
}
