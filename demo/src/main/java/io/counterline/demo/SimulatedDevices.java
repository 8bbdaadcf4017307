package io.counterline.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.counterline.audio.SimulatedAnnouncer;
import io.counterline.caller.CallerHardware;
import io.counterline.caller.CallerNode;
import io.counterline.caller.CallerSettings;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.hall.HallConfig;
import io.counterline.hall.HallNode;
import io.counterline.kiosk.KioskNode;
import io.counterline.kiosk.KioskSettings;
import io.counterline.kiosk.printer.SimulatedSlipPrinter;
import io.counterline.messaging.MessageBus;
import io.counterline.pad.PadNode;
import io.counterline.pad.PadSettings;
import io.counterline.protocol.DeviceRole;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.Optional;

/**
 * Starts devices the way their apps' {@code Main} classes do, but headless and with simulated
 * hardware: each from its app's example file with the device's own id, broker, secret and data
 * folder put over it, so a demo runs what a Pi runs. What is opened is pushed onto the owner's
 * stack, to be closed in reverse order of start.
 */
final class SimulatedDevices {
    /** Paper width of the simulated slip printer, in characters (80 mm paper). */
    private static final int SLIP_COLUMNS = 48;

    /** Who a device is, where its broker is, and where it keeps its files. */
    record Access(String id, String broker, String secret, Path dataDir) {
    }

    record Kiosk(KioskNode node, KioskSettings settings, SimulatedSlipPrinter printer, DeviceRuntime runtime) {
    }

    record Caller(CallerNode node, CallerSettings settings, DeviceRuntime runtime) {
    }

    record Hall(HallNode node, HallConfig config, DeviceRuntime runtime) {
    }

    private final Opened open;

    SimulatedDevices(Opened open) {
        this.open = open;
    }

    Kiosk kiosk(Access a) throws Exception {
        Path slips = a.dataDir().resolve("slips");
        Config config = config("kiosk-example.conf", a)
                .withValue("printer.simulated.output-dir", ConfigValueFactory.fromAnyRef(slips.toString()));
        KioskSettings settings = KioskSettings.from(config.getConfig("kiosk"));
        DeviceRuntime runtime = runtime(config, DeviceRole.KIOSK);
        SimulatedSlipPrinter printer = keep(new SimulatedSlipPrinter(slips, SLIP_COLUMNS));
        KioskNode node = keep(KioskNode.start(settings, runtime, printer, Optional.empty()));
        return new Kiosk(node, settings, printer, runtime);
    }

    /** A caller at {@code counter}, whose LED shows the counter's digits ("c3" shows "3"). */
    Caller caller(Access a, String counter) throws Exception {
        return caller(a, counter, Optional.empty());
    }

    /**
     * As {@link #caller(Access, String)}; with {@code recordingServer} (the console's base URL) the
     * caller records its simulated intercom per transaction and hands the segments over there.
     */
    Caller caller(Access a, String counter, Optional<String> recordingServer) throws Exception {
        Config config = config("counter-caller-example.conf", a);
        if (recordingServer.isPresent()) {
            config = ConfigFactory.parseString("counter-caller.recording { enabled = true, source = simulated, "
                    + "server-url = \"" + recordingServer.get().replaceAll("/+$", "") + "\" }").withFallback(config);
        }
        config = config
                .withValue("counter-caller.counter", ConfigValueFactory.fromAnyRef(counter))
                .withValue("counter-caller.counter-number",
                        ConfigValueFactory.fromAnyRef(counter.replaceAll("\\D", "")));
        CallerSettings settings = CallerSettings.from(config.getConfig("counter-caller"));
        DeviceRuntime runtime = runtime(config, DeviceRole.COUNTER_CALLER);
        CallerHardware hardware = keep(CallerHardware.simulated());
        CallerNode node = keep(CallerNode.start(settings, runtime, hardware));
        return new Caller(node, settings, runtime);
    }

    PadNode pad(Access a, String counter) throws Exception {
        Config config = config("rating-pad-example.conf", a)
                .withValue("rating-pad.counter", ConfigValueFactory.fromAnyRef(counter));
        DeviceRuntime runtime = runtime(config, DeviceRole.RATING_PAD);
        return keep(PadNode.open(PadSettings.from(config.getConfig("rating-pad")), runtime));
    }

    Hall hall(Access a) throws Exception {
        HallConfig config = HallConfig.from(config("hall-display-example.conf", a)
                .withValue("counterline.hall.content-folder",
                        ConfigValueFactory.fromAnyRef(a.dataDir().resolve("content").toString())));
        DeviceRuntime runtime = keep(DeviceRuntime.start(config.device(), Clock.systemUTC()));
        SimulatedAnnouncer voice = keep(new SimulatedAnnouncer());
        HallNode node = keep(HallNode.start(config.hall(), runtime, voice));
        return new Hall(node, config, runtime);
    }

    /** Counts {@code latch} down once, when the bus is first connected (now or later). */
    static void countWhenConnected(Consumer<MessageBus.ConnectionListener> register, BooleanSupplier connected,
                                      CountDownLatch latch) {
        AtomicBoolean counted = new AtomicBoolean();
        register.accept(new MessageBus.ConnectionListener() {
            @Override
            public void connected() {
                if (counted.compareAndSet(false, true)) {
                    latch.countDown();
                }
            }

            @Override
            public void disconnected(String reason) {
                // counted once; a later drop is the devices' own business
            }
        });
        if (connected.getAsBoolean() && counted.compareAndSet(false, true)) {
            latch.countDown();
        }
    }

    private static Config config(String example, Access a) {
        return ConfigFactory.parseString("device { id = " + a.id() + ", data-dir = \"" + a.dataDir() + "\" }\n"
                        + "broker { uri = \"" + a.broker() + "\", secret = \"" + a.secret() + "\" }")
                .withFallback(ConfigFactory.parseResources(example))
                .withFallback(ConfigFactory.defaultReference()).resolve();
    }

    private DeviceRuntime runtime(Config config, DeviceRole role) throws Exception {
        return keep(DeviceRuntime.start(DeviceSettings.from(config, role), Clock.systemUTC()));
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.keep(closeable);
        return closeable;
    }
}
