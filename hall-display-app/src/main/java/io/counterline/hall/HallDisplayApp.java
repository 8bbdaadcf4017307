package io.counterline.hall;

import com.typesafe.config.ConfigFactory;
import io.counterline.hall.board.HallBoard;
import io.counterline.hall.screen.HallScreen;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hall display application: shows a {@link HallBoard} full screen.
 *
 * <p>Launched by {@link Main}, it reads {@code counterline.hall} and builds its own board with a
 * highlight timer thread. Whoever feeds the board from MQTT (and hangs a
 * {@code CallAnnouncer} on {@link HallBoard#onNewCall}) either does so through {@link #board()}
 * in {@link #init()}, or builds the board and passes it to
 * {@link #HallDisplayApp(HallSettings, HallBoard)}, keeping ownership of it.
 */
public class HallDisplayApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(HallDisplayApp.class);

    private final HallSettings settings;
    private final HallBoard board;
    private final ScheduledExecutorService highlightTimer;
    private HallScreen screen;

    /** Used by {@link Application#launch}: settings from the config files, a board of its own. */
    public HallDisplayApp() {
        this.settings = HallSettings.from(ConfigFactory.load().getConfig("counterline.hall"));
        this.highlightTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "hall-highlight");
            thread.setDaemon(true);
            return thread;
        });
        this.board = new HallBoard(settings,
                (delay, action) -> highlightTimer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Shows {@code board}, fed and owned by the caller. */
    public HallDisplayApp(HallSettings settings, HallBoard board) {
        this.settings = settings;
        this.board = board;
        this.highlightTimer = null;
    }

    public HallBoard board() {
        return board;
    }

    @Override
    public void start(Stage stage) {
        log.info("Hall display starting: {}", settings);
        screen = new HallScreen(board, settings, Clock.systemUTC());
        Scene scene = new Scene(screen.root(), settings.width(), settings.height());
        stage.setTitle("Counterline hall display");
        stage.setScene(scene);
        if (settings.fullScreen()) {
            // A TV in a hall: no "press ESC" hint, no way out by keyboard, no pointer.
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
        if (highlightTimer != null) {
            highlightTimer.shutdownNow();
        }
        log.info("Hall display stopped");
    }
}
