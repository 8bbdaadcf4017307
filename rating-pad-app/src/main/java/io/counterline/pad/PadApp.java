package io.counterline.pad;

import io.counterline.pad.screen.PadScreen;
import io.counterline.pad.screen.ScreenSettings;
import javafx.application.Application;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * The rating pad with its screen. Launched by {@link Main} with the same arguments; it starts
 * the pad from {@code --config FILE} in {@link #init()} (off the JavaFX thread) and closes it in
 * {@link #stop()}.
 */
public class PadApp extends Application {
    private RunningPad pad;
    private PadScreen screen;

    @Override
    public void init() throws Exception {
        pad = RunningPad.start(RunningPad.load(RunningPad.configFile(getParameters().getRaw())));
    }

    @Override
    public void start(Stage stage) {
        ScreenSettings settings = pad.node().settings().screen();
        screen = new PadScreen(pad.node().controller(), pad.node().runtime().health(), settings.photoFolder());
        Scene scene = new Scene(screen.root(), settings.width(), settings.height());
        stage.setTitle("Counterline rating pad");
        stage.setScene(scene);
        if (settings.fullScreen()) {
            // A customer-facing panel: no exit hint, no way out by keyboard, no pointer.
            stage.setFullScreenExitHint("");
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            scene.setCursor(Cursor.NONE);
            stage.setFullScreen(true);
        }
        screen.start();
        stage.show();
    }

    @Override
    public void stop() {
        if (screen != null) {
            screen.stop();
        }
        if (pad != null) {
            pad.close();
        }
    }
}
