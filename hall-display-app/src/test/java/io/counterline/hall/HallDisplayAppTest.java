package io.counterline.hall;

import static io.counterline.hall.States.call;
import static io.counterline.hall.States.calls;
import static io.counterline.hall.States.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.hall.board.FakeDelay;
import io.counterline.hall.board.HallBoard;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts and stops the application as its launcher would, on the headless (Monocle) toolkit. */
class HallDisplayAppTest {
    private final FxRobot robot = new FxRobot();
    private HallDisplayApp app;

    @BeforeAll
    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
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
        // A stage of its own: the primary one is shared with other test classes and may be resized.
        FxToolkit.registerStage(Stage::new);
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
    void stop_launchedWithReferenceConfig_stopsItsHighlightTimerThread() throws TimeoutException {
        // A stage of its own: the primary one is shared with other test classes and may be resized.
        FxToolkit.registerStage(Stage::new);
        app = (HallDisplayApp) FxToolkit.setupApplication(HallDisplayApp::new);
        app.board().applyCalls(calls(0));
        app.board().applyCalls(calls(1, call("k1", "A001", 1, 1)));
        assertThat(app.board().snapshot().highlighted()).isTrue();
        assertThat(timerThreadAlive()).isTrue();

        FxToolkit.cleanupApplication(app);
        app = null;

        await().until(() -> !timerThreadAlive());
    }

    private static boolean timerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("hall-highlight") && t.isAlive());
    }
}
