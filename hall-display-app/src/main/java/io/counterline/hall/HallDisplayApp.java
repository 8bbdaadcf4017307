package io.counterline.hall;

import io.counterline.audio.Announcer;
import io.counterline.audio.Announcers;
import io.counterline.device.DeviceRuntime;
import io.counterline.hall.board.HallBoard;
import io.counterline.hall.screen.HallScreen;
import io.counterline.outbox.OutboxException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hall display application: the JavaFX view of a {@link HallNode}'s board, full screen.
 *
 * <p>Launched by {@link Main} with {@code --config FILE}, {@link #init()} reads the file
 * ({@link HallConfig}), opens the announcer, starts the device runtime and the node, and
 * {@link #stop()} closes them in reverse order; so does a shutdown hook when systemd stops the
 * service (SIGTERM does not reach {@code stop()}). The demo launcher and tests that run a node of
 * their own pass its board to {@link #HallDisplayApp(HallSettings, HallBoard)} and keep ownership.
 */
public class HallDisplayApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(HallDisplayApp.class);

    private HallSettings settings;
    private HallBoard board;
    private Device device;
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
        HallConfig config = HallConfig.load(Main.configFile(getParameters().getRaw()));
        device = Device.start(config);
        settings = config.hall();
        board = device.node.board();
        Runtime.getRuntime().addShutdownHook(new Thread(device::close, "hall-shutdown"));
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
        if (device != null) {
            device.close();
        }
        log.info("Hall display stopped");
    }

    /** What {@link #init()} starts from the config; closed once, in reverse order, by whoever comes first. */
    private static final class Device implements AutoCloseable {
        private final Announcer announcer;
        private final DeviceRuntime runtime;
        private final HallNode node;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Device(Announcer announcer, DeviceRuntime runtime, HallNode node) {
            this.announcer = announcer;
            this.runtime = runtime;
            this.node = node;
        }

        static Device start(HallConfig config) throws OutboxException {
            // Announcers.open logs which speaker it is (espeak-ng, WAV clips or simulated) and
            // never throws: a driver that cannot start is a simulated one with a config error.
            Announcers.Opened voice = Announcers.open(config.announcer());
            DeviceRuntime runtime;
            try {
                runtime = DeviceRuntime.start(config.device(), Clock.systemUTC());
            } catch (OutboxException | RuntimeException e) {
                voice.announcer().close();
                throw e;
            }
            runtime.health().report("announcer", voice.health());
            return new Device(voice.announcer(), runtime, HallNode.start(config.hall(), runtime, voice.announcer()));
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                node.close();
                runtime.close();
                announcer.close();
            }
        }
    }
}
