package io.counterline.caller.screen;

import io.counterline.caller.CallerSettings;
import io.counterline.caller.teller.TellerController;
import io.counterline.window.DeviceWindow;
import java.time.Clock;
import javafx.application.Platform;
import javafx.stage.Stage;

/** Puts a {@link TellerScreen} on a stage: full screen on the counter, a window on a desktop. */
public final class CallerWindow {
    private CallerWindow() {
    }

    /**
     * The teller's touchscreen: full screen without the "press ESC" hint (Esc belongs to the
     * keypad map), no pointer unless configured ({@code screen.pointer = shown}), closable.
     */
    public static DeviceWindow.Options options(CallerSettings settings) {
        CallerSettings.Screen size = settings.screen();
        DeviceWindow.Options options = DeviceWindow.Options.of("Counterline " + settings.counter(), size.fullScreen(),
                size.width(), size.height());
        return size.hidePointer() ? options.hidingCursor() : options;
    }

    /** The teller screen as window content, focused once shown so the keypad map works at once. */
    public static DeviceWindow.Content content(TellerController controller, CallerSettings settings) {
        TellerScreen screen = new TellerScreen(controller, settings, Clock.systemUTC());
        return new DeviceWindow.Content(screen.root(), () -> {
            screen.start();
            Platform.runLater(screen.root()::requestFocus);
        }, screen::stop);
    }

    /** Shows the screen on {@code stage}; call on the JavaFX thread. The returned screen is stopped by the caller. */
    public static TellerScreen show(Stage stage, TellerController controller, CallerSettings settings) {
        TellerScreen screen = new TellerScreen(controller, settings, Clock.systemUTC());
        DeviceWindow.show(stage, screen.root(), options(settings));
        screen.start();
        screen.root().requestFocus();
        return screen;
    }
}
