package io.counterline.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Command;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import io.counterline.server.BranchServer;
import io.counterline.server.testing.HeadlessChromium;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The set-up the console's browser tests share: a real Chromium, a real branch server (engine,
 * store, embedded broker, console) from a {@link TestBranch}, console users who all have
 * {@link #PASSWORD}, and devices speaking the MQTT contract (the rating pads' arm commands
 * collected in {@link #arms}). Chromium starts first, so a missing one skips before anything else.
 */
final class ConsoleBranch implements AutoCloseable {
    static final String PASSWORD = "correct-horse-9";

    private record UserSpec(String login, String name, Role role, Optional<String> teller, String language) {
    }

    private final Path dir;
    private final TestBranch branch;
    private final List<UserSpec> users = new ArrayList<>();
    private final Map<String, DeviceRole> deviceRoles = new LinkedHashMap<>();
    private final Map<String, DeviceRuntime> devices = new LinkedHashMap<>();
    private final MessageCodec codec = new MessageCodec();
    /** Every command the pads received (the arms), in order. */
    final List<Command> arms = new CopyOnWriteArrayList<>();
    private WebDriver browser;
    private BranchServer server;

    private ConsoleBranch(Path dir, TestBranch branch) {
        this.dir = dir;
        this.branch = branch;
    }

    /** @param branch the branch file, with a {@code console} block */
    static ConsoleBranch of(Path dir, TestBranch branch) {
        return new ConsoleBranch(dir, branch);
    }

    /** A console user with {@link #PASSWORD} and the whole branch as scope; {@code teller} null unless a teller. */
    ConsoleBranch user(String login, String name, Role role, String teller, String language) {
        users.add(new UserSpec(login, name, role, Optional.ofNullable(teller), language));
        return this;
    }

    ConsoleBranch device(String id, DeviceRole role) {
        deviceRoles.put(id, role);
        return this;
    }

    /** Starts it all and waits until every device is connected; closes what started when something fails. */
    ConsoleBranch start() throws Exception {
        browser = HeadlessChromium.start(dir); // first: skips at once when Chromium is missing
        try {
            server = BranchServer.start(branch.config(), Clock.systemUTC());
            ConsoleUsers accounts = server.console().orElseThrow().console().users();
            for (UserSpec u : users) {
                accounts.add("test", "local", u.login(), u.name(), u.role(), Scope.BRANCH, u.teller(), u.language(),
                        PASSWORD).join();
            }
            for (Map.Entry<String, DeviceRole> d : deviceRoles.entrySet()) {
                DeviceRuntime runtime = TestDevices.start(d.getKey(), d.getValue(), branch.brokerUri(), dir);
                devices.put(d.getKey(), runtime);
                if (d.getValue() == DeviceRole.RATING_PAD) {
                    runtime.onCommand(arms::add);
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> devices.values().stream()
                    .allMatch(DeviceRuntime::isConnected));
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    WebDriver browser() {
        return browser;
    }

    BranchServer server() {
        return server;
    }

    /** The console's address, ending in "/". */
    String base() {
        return server.console().orElseThrow().console().url();
    }

    DeviceRuntime device(String id) {
        return devices.get(id);
    }

    /** Signs {@code login} in in the browser and waits for a page with the sign-out button. */
    void signIn(String login) {
        browser.get(base() + "login");
        browser.findElement(By.id("login")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.id("logout")));
    }

    /** Asks as a device does: on a dropped connection or no answer, again with the same id; the answer must be ok. */
    <T> T ok(DeviceRuntime d, Operation op, Object args, Class<T> type) throws Exception {
        String id = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            await().atMost(Duration.ofSeconds(20)).until(d::isConnected);
            try {
                Response r = d.requests().send(id, op, args, Duration.ofSeconds(2)).get(10, TimeUnit.SECONDS);
                assertThat(r.ok()).as("%s → %s", op, r.error()).isTrue();
                return codec.decodeBody(r.result(), type).orThrow();
            } catch (ExecutionException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** The arm a pad received after the first {@code before} ones. */
    Bodies.RatingArm awaitArm(int before) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> arms.size() > before);
        return codec.decodeBody(arms.get(arms.size() - 1).body(), Bodies.RatingArm.class).orThrow();
    }

    @Override
    public void close() {
        if (browser != null) {
            browser.quit();
        }
        List<AutoCloseable> open = new ArrayList<>(devices.values());
        java.util.Collections.reverse(open);
        open.add(server);
        for (AutoCloseable c : open) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    /** The console's audit actions in order, read from {@code console.db} under a {@link TestBranch}'s {@code dir}. */
    static List<String> auditActions(Path dir) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("server").resolve("console.db"));
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT action FROM audit ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
