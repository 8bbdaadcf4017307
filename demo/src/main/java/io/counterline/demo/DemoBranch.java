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
import io.counterline.pad.PadNode;
import io.counterline.pad.PadSettings;
import io.counterline.protocol.DeviceRole;
import io.counterline.server.BranchServer;
import io.counterline.server.config.BranchConfig;
import io.counterline.messaging.MessageBus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole branch in one JVM: the branch server with its embedded broker and SQLite store, one
 * kiosk, two counter callers, two rating pads and a hall display, all with simulated hardware.
 * Each device is configured from its app's own example file, so the demo runs what a Pi runs.
 * Closes in reverse order of start.
 */
public final class DemoBranch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoBranch.class);
    public static final int COUNTERS = 2;

    /** A counter: its caller and the rating pad beside it. */
    public record Counter(String id, CallerNode caller, CallerSettings settings, PadNode pad) {
    }

    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private final List<DeviceRuntime> runtimes = new ArrayList<>();
    private final BranchServer server;
    private final KioskNode kiosk;
    private final KioskSettings kioskSettings;
    private final SimulatedSlipPrinter printer;
    private final List<Counter> counters = new ArrayList<>();
    private final HallNode hall;
    private final HallConfig hallConfig;
    private final Path data;

    private DemoBranch(Path data, int port) throws Exception {
        this.data = data.toAbsolutePath();
        String broker = "tcp://127.0.0.1:" + port;
        BranchConfig branch = BranchConfig.from(ConfigFactory.parseString(
                        "server.data-dir = \"" + this.data.resolve("server") + "\"\n"
                                + "broker { mode = embedded, embedded { host = \"127.0.0.1\", port = " + port + " } }")
                .withFallback(ConfigFactory.parseResources("example-branch.conf"))
                .withFallback(ConfigFactory.parseResources("branch-server-defaults.conf")).resolve());
        server = keep(BranchServer.start(branch, Clock.systemUTC()));

        Config kioskConfig = device("kiosk-example.conf", "kiosk-1", broker)
                .withValue("printer.simulated.output-dir", value(this.data.resolve("kiosk-1/slips")));
        kioskSettings = KioskSettings.from(kioskConfig.getConfig("kiosk"));
        DeviceRuntime kioskRuntime = runtime(kioskConfig, DeviceRole.KIOSK);
        printer = keep(new SimulatedSlipPrinter(this.data.resolve("kiosk-1/slips"), 48));
        kiosk = keep(KioskNode.start(kioskSettings, kioskRuntime, printer, Optional.empty()));

        for (int i = 1; i <= COUNTERS; i++) {
            Config callerConfig = device("counter-caller-example.conf", "caller-" + i, broker)
                    .withValue("counter-caller.counter", ConfigValueFactory.fromAnyRef("c" + i))
                    .withValue("counter-caller.counter-number", ConfigValueFactory.fromAnyRef(Integer.toString(i)));
            CallerSettings callerSettings = CallerSettings.from(callerConfig.getConfig("counter-caller"));
            DeviceRuntime callerRuntime = runtime(callerConfig, DeviceRole.COUNTER_CALLER);
            CallerHardware hardware = keep(CallerHardware.simulated());
            CallerNode caller = keep(CallerNode.start(callerSettings, callerRuntime, hardware));

            Config padConfig = device("rating-pad-example.conf", "pad-" + i, broker)
                    .withValue("rating-pad.counter", ConfigValueFactory.fromAnyRef("c" + i));
            DeviceRuntime padRuntime = runtime(padConfig, DeviceRole.RATING_PAD);
            PadNode pad = keep(PadNode.open(PadSettings.from(padConfig.getConfig("rating-pad")), padRuntime));
            counters.add(new Counter("c" + i, caller, callerSettings, pad));
        }

        hallConfig = HallConfig.from(device("hall-display-example.conf", "hall-1", broker)
                .withValue("counterline.hall.content-folder", value(this.data.resolve("hall-1/content"))));
        DeviceRuntime hallRuntime = keep(DeviceRuntime.start(hallConfig.device(), Clock.systemUTC()));
        runtimes.add(hallRuntime);
        SimulatedAnnouncer voice = keep(new SimulatedAnnouncer());
        hall = keep(HallNode.start(hallConfig.hall(), hallRuntime, voice));
        log.info("demo branch running on {}: data in {}", broker, this.data);
    }

    /** Starts the branch; {@code data} holds every store and slip image, {@code port} the broker. */
    public static DemoBranch start(Path data, int port) throws Exception {
        return new DemoBranch(data, port);
    }

    private Config device(String example, String id, String broker) {
        return ConfigFactory.parseString("device { id = " + id + ", data-dir = \"" + data.resolve(id) + "\" }\n"
                        + "broker { uri = \"" + broker + "\", secret = \"" + id + "-secret-0001\" }")
                .withFallback(ConfigFactory.parseResources(example))
                .withFallback(ConfigFactory.defaultReference()).resolve();
    }

    private static com.typesafe.config.ConfigValue value(Path p) {
        return ConfigValueFactory.fromAnyRef(p.toString());
    }

    private DeviceRuntime runtime(Config config, DeviceRole role) throws Exception {
        DeviceRuntime runtime = keep(DeviceRuntime.start(DeviceSettings.from(config, role), Clock.systemUTC()));
        runtimes.add(runtime);
        return runtime;
    }

    /** Waits, at most {@code timeout}, until the server and every device are connected. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        CountDownLatch all = new CountDownLatch(runtimes.size() + 1);
        whenConnected(server.bus()::addConnectionListener, server.bus()::isConnected, all);
        for (DeviceRuntime r : runtimes) {
            whenConnected(r::onConnection, r::isConnected, all);
        }
        return all.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void whenConnected(Consumer<MessageBus.ConnectionListener> register, BooleanSupplier connected,
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

    private <T extends AutoCloseable> T keep(T closeable) {
        open.push(closeable);
        return closeable;
    }

    public BranchServer server() {
        return server;
    }

    public KioskNode kiosk() {
        return kiosk;
    }

    public KioskSettings kioskSettings() {
        return kioskSettings;
    }

    public SimulatedSlipPrinter printer() {
        return printer;
    }

    public List<Counter> counters() {
        return counters;
    }

    public HallNode hall() {
        return hall;
    }

    public HallConfig hallConfig() {
        return hallConfig;
    }

    @Override
    public void close() {
        while (!open.isEmpty()) {
            AutoCloseable c = open.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {}: {}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
        log.info("demo branch stopped");
    }
}
