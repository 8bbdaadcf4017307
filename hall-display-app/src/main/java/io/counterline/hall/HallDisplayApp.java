package io.counterline.hall;

import io.counterline.hall.board.HallBoard;
import io.counterline.hall.screen.HallScreen;
import io.counterline.outbox.OutboxException;
import io.counterline.window.DeviceWindow;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hall display's screen as a JavaFX {@code Application}, for launchers and tests that run
 * JavaFX themselves (TestFX): given a board fed and owned by the caller
 * ({@link #HallDisplayApp(HallSettings, HallBoard)}), or with {@code --config FILE}, when
 * {@link #init()} reads the file as {@link Main} does and starts a {@link HallDevice} that
 * {@link #stop()} closes (a shutdown hook too, since SIGTERM does not reach {@code stop()}).
 * The device in service starts from {@link Main}, which needs no {@code Application}.
 */
public class HallDisplayApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(HallDisplayApp.class);

    private HallSettings settings;
    private HallBoard board;
    private HallDevice device;
    private HallScreen screen;

    /** Used by {@link Application#launch}: {@link #init()} builds everything from {@code --config FILE}. */
    public HallDisplayApp() {
    }

    /** Shows {@code board}, fed and owned by the caller. */
    public HallDisplayApp(HallSettings settings, HallBoard board) {
        this.settings = settings;
        this.board = board;
    }

    /** The board shown; after {@link #init()} when launched with {@code --config}. */
    public HallBoard board() {
        return board;
    }

    @Override
    public void init() throws OutboxException {
        if (board != null) {
            return;
        }
        List<String> args = getParameters().getRaw();
        int at = args.indexOf("--config");
        if (at < 0 || at + 1 >= args.size()) {
            throw new IllegalArgumentException("usage: hall-display --config FILE (was " + args + ")");
        }
        HallConfig config = HallConfig.load(Path.of(args.get(at + 1)));
        device = HallDevice.start(config);
        settings = config.hall();
        board = device.node().board();
        Runtime.getRuntime().addShutdownHook(new Thread(device::close, "hall-shutdown"));
    }

    @Override
    public void start(Stage stage) {
        log.info("Hall display starting: {}", settings);
        screen = new HallScreen(board, settings, Clock.systemUTC());
        DeviceWindow.show(stage, screen.root(), options(settings));
        screen.start();
    }

    /** A TV in a hall: full screen without "press ESC" hint, no way out by keyboard, no pointer. */
    static DeviceWindow.Options options(HallSettings settings) {
        return DeviceWindow.Options.of("Counterline hall display", settings.fullScreen(), settings.width(),
                settings.height()).hidingCursor();
    }

    @Override
    public void stop() {
        if (screen != null) {
            screen.stop();
        }
        if (device != null) {
            device.close();
        }
        log.info("Hall display stopped");
    }
}
