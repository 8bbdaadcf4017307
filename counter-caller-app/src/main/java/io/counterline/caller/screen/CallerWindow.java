package io.counterline.caller.screen;

import io.counterline.caller.CallerSettings;
import io.counterline.caller.teller.TellerController;
import java.time.Clock;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/** Puts a {@link TellerScreen} on a stage: full screen on the counter, a window on a desktop. */
public final class CallerWindow {
    private CallerWindow() {
    }

    /** Shows the screen on {@code stage}; call on the JavaFX thread. The returned screen is stopped by the caller. */
    public static TellerScreen show(Stage stage, TellerController controller, CallerSettings settings) {
        TellerScreen screen = new TellerScreen(controller, settings, Clock.systemUTC());
        CallerSettings.Screen size = settings.screen();
        Scene scene = new Scene(screen.root(), size.width(), size.height());
        stage.setTitle("Counterline " + settings.counter());
        stage.setScene(scene);
        if (size.fullScreen()) {
            // The teller's touchscreen: no "press ESC" hint, and Esc belongs to the keypad map.
            stage.setFullScreenExitHint("");
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            stage.setFullScreen(true);
        }
        screen.start();
        stage.show();
        screen.root().requestFocus();
        return screen;
    }
}
