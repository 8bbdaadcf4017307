package io.counterline.demo;

import com.typesafe.config.ConfigFactory;
import io.counterline.caller.CallerNode;
import io.counterline.caller.CallerSettings;
import io.counterline.device.DeviceRuntime;
import io.counterline.hall.HallConfig;
import io.counterline.hall.HallNode;
import io.counterline.kiosk.KioskNode;
import io.counterline.kiosk.KioskSettings;
import io.counterline.kiosk.printer.SimulatedSlipPrinter;
import io.counterline.pad.PadNode;
import io.counterline.server.BranchServer;
import io.counterline.server.config.BranchConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
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

    private final Opened open = new Opened(log);
    private final List<DeviceRuntime> runtimes = new ArrayList<>();
    private final BranchServer server;
    private final SimulatedDevices.Kiosk kiosk;
    private final List<Counter> counters = new ArrayList<>();
    private final SimulatedDevices.Hall hall;
    private final Path data;

    private DemoBranch(Path data, int port, int consolePort, String headOffice) throws Exception {
        this.data = data.toAbsolutePath();
        String broker = "tcp://127.0.0.1:" + port;
        BranchConfig branch = BranchConfig.from(ConfigFactory.parseString(
                        "server.data-dir = \"" + this.data.resolve("server") + "\"\n"
                                + "broker { mode = embedded, embedded { host = \"127.0.0.1\", port = " + port + " } }\n"
                                + "console.listen = \"127.0.0.1:" + consolePort + "\"\n" + headOffice)
                .withFallback(ConfigFactory.parseResources("example-branch.conf"))
                .withFallback(ConfigFactory.parseResources("branch-server-defaults.conf")).resolve());
        server = open.keep(BranchServer.start(branch, Clock.systemUTC()));

        SimulatedDevices devices = new SimulatedDevices(open);
        // The callers record their simulated intercoms and hand the segments to the console.
        java.util.Optional<String> recordings = server.console().map(c -> c.console().url());
        kiosk = devices.kiosk(access("kiosk-1", broker));
        runtimes.add(kiosk.runtime());
        for (int i = 1; i <= COUNTERS; i++) {
            SimulatedDevices.Caller caller = devices.caller(access("caller-" + i, broker), "c" + i,
                    recordings);
            PadNode pad = devices.pad(access("pad-" + i, broker), "c" + i);
            runtimes.add(caller.runtime());
            runtimes.add(pad.runtime());
            counters.add(new Counter("c" + i, caller.node(), caller.settings(), pad));
        }
        hall = devices.hall(access("hall-1", broker));
        runtimes.add(hall.runtime());
        log.info("demo branch running on {}: data in {}", broker, this.data);
    }

    /** Starts the branch; {@code data} holds every store and slip image, {@code port} the broker. */
    public static DemoBranch start(Path data, int port) throws Exception {
        return new DemoBranch(data, port, 0, "");
    }

    /** As {@link #start(Path, int)}, with the web console on {@code consolePort} (0: any free port). */
    public static DemoBranch start(Path data, int port, int consolePort) throws Exception {
        return new DemoBranch(data, port, consolePort, "");
    }

    /**
     * As {@link #start(Path, int, int)}, uplinked to a head office: {@code headOffice} is the
     * branch file's {@code head-office} block ({@link DemoHeadOffice#branchBlock()}).
     */
    public static DemoBranch start(Path data, int port, int consolePort, String headOffice) throws Exception {
        return new DemoBranch(data, port, consolePort, headOffice);
    }

    /**
     * The demo's console account: user "demo" (admin of the whole branch) with a new random
     * password on every run, so that no password is ever the same twice or written down anywhere.
     *
     * @return the line to print: {@code console: URL (user demo / password ...)}
     */
    public String consoleDemoAccount() throws Exception {
        io.counterline.console.Console console = server.console().orElseThrow().console();
        io.counterline.console.auth.ConsoleUsers users = console.users();
        String password = io.counterline.console.auth.Sessions.randomToken().substring(0, 16);
        java.util.Optional<io.counterline.console.auth.User> demo = users.find("demo");
        if (demo.isPresent()) {
            users.setPassword("demo", "local", demo.get(), password).join();
        } else {
            users.add("demo", "local", "demo", "演示管理员 Demo admin", io.counterline.console.auth.Role.ADMIN,
                    io.counterline.console.auth.Scope.BRANCH, java.util.Optional.empty(), "zh", password).join();
        }
        return "console: " + console.url() + " (user demo / password " + password + ")";
    }

    /** The example configs' secrets, which example-branch.conf also holds. */
    private SimulatedDevices.Access access(String id, String broker) {
        return new SimulatedDevices.Access(id, broker, id + "-secret-0001", data.resolve(id));
    }

    /** Waits, at most {@code timeout}, until the server and every device are connected. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        CountDownLatch all = new CountDownLatch(runtimes.size() + 1);
        SimulatedDevices.countWhenConnected(server.bus()::addConnectionListener, server.bus()::isConnected, all);
        for (DeviceRuntime r : runtimes) {
            SimulatedDevices.countWhenConnected(r::onConnection, r::isConnected, all);
        }
        return all.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public BranchServer server() {
        return server;
    }

    public KioskNode kiosk() {
        return kiosk.node();
    }

    public KioskSettings kioskSettings() {
        return kiosk.settings();
    }

    public SimulatedSlipPrinter printer() {
        return kiosk.printer();
    }

    public List<Counter> counters() {
        return counters;
    }

    public HallNode hall() {
        return hall.node();
    }

    public HallConfig hallConfig() {
        return hall.config();
    }

    @Override
    public void close() {
        open.close();
        log.info("demo branch stopped");
    }
}
