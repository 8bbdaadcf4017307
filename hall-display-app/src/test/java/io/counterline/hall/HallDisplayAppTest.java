package io.counterline.hall;

import static io.counterline.hall.States.call;
import static io.counterline.hall.States.calls;
import static io.counterline.hall.States.day;
import static io.counterline.hall.States.service;
import static io.counterline.hall.States.services;
import static io.counterline.hall.States.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.device.DeviceRuntime;
import io.counterline.device.ScriptedServer;
import io.counterline.hall.board.FakeDelay;
import io.counterline.hall.board.HallBoard;
import io.counterline.hall.voice.FakeAnnouncer;
import io.counterline.messaging.InMemoryBus;
import io.counterline.protocol.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts and stops the application as its launcher would, on the headless (Monocle) toolkit. */
class HallDisplayAppTest {
    private final FxRobot robot = new FxRobot();
    private HallDisplayApp app;

    @TempDir
    Path dir;

    @BeforeAll
    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void ownStage() throws TimeoutException {
        // A stage of its own: the primary one is shared with other test classes and may be resized.
        FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void tearDown() throws TimeoutException {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void start_givenBoard_showsWhatTheBoardIsFed() throws TimeoutException {
        HallBoard board = new HallBoard(settings(Path.of("content")), new FakeDelay());
        app = (HallDisplayApp) FxToolkit.setupApplication(() -> new HallDisplayApp(settings(Path.of("content")), board));

        board.applyCalls(calls(0));
        board.applyCalls(calls(1, call("k1", "A001", 1, 1)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#currentNumber").queryAs(Label.class).getText()).isEqualTo("A001");
        Stage stage = (Stage) robot.lookup("#board").query().getScene().getWindow();
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getWidth()).isEqualTo(1920);
    }

    @Test
    void start_nodeBoard_rendersPublishedStateAndTheConnectionMark() throws Exception {
        Topics topics = Topics.of("b001");
        InMemoryBus broker = new InMemoryBus();
        ScriptedServer server = new ScriptedServer(broker, "b001");
        InMemoryBus.Client link = broker.client("hall-1");
        server.publishState(topics.calls(), calls(0));
        server.publishState(topics.day(), day("城南支行", "Asia/Shanghai"));
        try (DeviceRuntime runtime = DeviceRuntime.start(States.device(dir), Clock.systemUTC(), link);
             HallNode node = HallNode.start(settings(dir), runtime, new FakeAnnouncer())) {
            app = (HallDisplayApp) FxToolkit.setupApplication(() -> new HallDisplayApp(settings(dir), node.board()));

            server.publishState(topics.calls(), calls(10, call("k1", "A012", 3, 10)));
            server.publishState(topics.services(), services(service("a", "个人业务", "Personal", 4, 600)));

            await().until(() -> text("#currentNumber").equals("A012"));
            assertThat(text("#currentCounter")).isEqualTo("→ 3号窗口 / Counter 3");
            assertThat(text("#branchName")).isEqualTo("城南支行");
            await().until(() -> serviceTexts("a").contains("等候 4 人 / 4 waiting"));
            await().until(() -> !visible("#connectionLost"));

            link.cut();
            await().until(() -> visible("#connectionLost"));
            server.publishState(topics.calls(), calls(20, call("k2", "B003", 5, 20), call("k1", "A012", 3, 10)));
            assertThat(text("#currentNumber")).isEqualTo("A012");

            link.restore();
            await().until(() -> !visible("#connectionLost") && text("#currentNumber").equals("B003"));
            // Counter 3's call of 10 s before is still calling beside counter 5's (calling-seconds).
            assertThat(text("#alsoCallingNumber0")).isEqualTo("A012");
        }
    }

    @Test
    void launch_withConfigFile_runsTheDeviceAndStopClosesIt() throws Exception {
        Path config = dir.resolve("hall-1.conf");
        Files.writeString(config, """
                device { id = hall-1, branch = b001, data-dir = "%s" }
                # Nothing listens on port 1: the display runs without a broker and says so.
                broker { uri = "tcp://127.0.0.1:1", secret = "hall-1-secret-0001" }
                counterline.hall { full-screen = false, width = 1280, height = 720, content-folder = "%s" }
                announcer.type = simulated
                """.formatted(dir.resolve("data"), dir.resolve("content")));

        app = (HallDisplayApp) FxToolkit.setupApplication(HallDisplayApp.class, "--config", config.toString());

        assertThat(Files.exists(dir.resolve("data/outbox.db"))).isTrue();
        await().until(() -> visible("#connectionLost"));
        Stage stage = (Stage) robot.lookup("#board").query().getScene().getWindow();
        assertThat(stage.getWidth()).isEqualTo(1280);
        assertThat(threadAlive("hall-announcer")).isTrue();

        FxToolkit.cleanupApplication(app);
        app = null;

        await().until(() -> !threadAlive("hall-announcer") && !threadAlive("bus-connect-hall-1"));
    }

    private String text(String id) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private List<String> serviceTexts(String serviceId) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#service-" + serviceId).tryQueryAs(Parent.class)
                .map(row -> robot.from(row).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList())
                .orElse(List.of());
    }

    private boolean visible(String id) {
        WaitForAsyncUtils.waitForFxEvents();
        Node node = robot.lookup(id).query();
        return node.isVisible();
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
