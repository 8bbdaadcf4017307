package io.counterline.pad;

import io.counterline.audio.Announcers;
import io.counterline.device.DeviceRuntime;
import io.counterline.pad.keys.PadKeys;
import io.counterline.pad.keys.RatingKeys;
import io.counterline.pad.keys.SimulatedRatingKeys;
import io.counterline.pad.rating.PadState;
import io.counterline.pad.rating.RatingController;
import io.counterline.pad.rating.UsedArms;
import io.counterline.pad.voice.PadVoice;
import io.counterline.protocol.RatingLevel;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rating pad's whole object graph without a screen: keys and LEDs, the optional speaker,
 * the used-arms file and the {@link RatingController}, on a given {@link DeviceRuntime}. The
 * headless demo and the benchmark start it in-process and drive it through {@link #press}; the
 * JavaFX screen is an optional view of {@link #controller()}.
 *
 * <p>The node owns what it is given except the runtime: {@link #close} closes the controller,
 * the speaker, the used-arms file and the keys, in that order. The caller closes the runtime
 * afterwards.
 */
public final class PadNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PadNode.class);
    static final String USED_ARMS_FILE = "used-arms.db";

    private final PadSettings settings;
    private final DeviceRuntime runtime;
    private final RatingKeys keys;
    private final AutoCloseable keysOwner;
    private final PadVoice voice;
    private final UsedArms used;
    private final RatingController controller;

    private PadNode(PadSettings settings, DeviceRuntime runtime, RatingKeys keys, AutoCloseable keysOwner,
                    PadVoice voice) throws SQLException {
        this.settings = settings;
        this.runtime = runtime;
        this.keys = keys;
        this.keysOwner = keysOwner;
        this.voice = voice;
        this.used = UsedArms.open(runtime.settings().dataDir().resolve(USED_ARMS_FILE), runtime.clock());
        this.controller = new RatingController(settings.counter(), settings.thanksFor(), runtime, keys, used, voice);
        controller.start();
    }

    /**
     * Opens the keys and the speaker the settings ask for (real or simulated, logged) and starts.
     *
     * @throws SQLException when the used-arms file cannot be opened; nothing is left open
     */
    public static PadNode open(PadSettings settings, DeviceRuntime runtime) throws SQLException {
        PadKeys.Opened keys = PadKeys.open(settings.keys());
        runtime.health().report("gpio", keys.health());
        PadVoice voice = settings.announcer().map(a -> {
            Announcers.Opened opened = Announcers.open(a);
            return new PadVoice(opened.announcer(), opened.health(), runtime.health());
        }).orElseGet(() -> {
            log.info("announcer: none (no speaker configured)");
            return PadVoice.none();
        });
        return start(settings, runtime, keys.keys(), keys, voice);
    }

    /** Starts on given keys and voice (tests, a launcher with its own hardware); the node closes them. */
    public static PadNode start(PadSettings settings, DeviceRuntime runtime, RatingKeys keys, PadVoice voice)
            throws SQLException {
        return start(settings, runtime, keys, keys, voice);
    }

    private static PadNode start(PadSettings settings, DeviceRuntime runtime, RatingKeys keys,
                                 AutoCloseable keysOwner, PadVoice voice) throws SQLException {
        try {
            return new PadNode(settings, runtime, keys, keysOwner, voice);
        } catch (SQLException | RuntimeException e) {
            voice.close();
            closeQuietly(keysOwner);
            throw e;
        }
    }

    /** What the pad shows now. */
    public PadState state() {
        return controller.state();
    }

    /**
     * Presses a simulated key, as a customer would: through the keys' thread to the controller.
     *
     * @throws IllegalStateException when the pad has real keys
     */
    public void press(RatingLevel level) {
        if (!(keys instanceof SimulatedRatingKeys simulated)) {
            throw new IllegalStateException("press() needs rating-pad.keys.type = simulated");
        }
        simulated.press(level);
    }

    public RatingController controller() {
        return controller;
    }

    public RatingKeys keys() {
        return keys;
    }

    public DeviceRuntime runtime() {
        return runtime;
    }

    public PadSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        controller.close();
        voice.close();
        used.close();
        closeQuietly(keysOwner);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("closing {}: {}", c, e.toString());
        }
    }
}
