package io.counterline.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code counterline demo}: a whole branch on this machine, each device in its own window, or
 * with {@code --headless} simulated customers and tellers printing what happens. Ctrl-C stops
 * everything cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, version = "Counterline demo 0.1",
        description = "Runs a whole branch on this machine: server, kiosk, two counters with rating pads, hall display.")
public final class DemoMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DemoMain.class);
    /** The branch id of example-branch.conf, which the demo branch runs. */
    static final String DEMO_BRANCH = "b001";

    @Option(names = "--headless", description = "no windows: simulated customers and tellers, printed as they act")
    boolean headless;

    @Option(names = "--data", defaultValue = "data", description = "folder for the stores and slip images (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--port", defaultValue = "1883", description = "broker port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--console-port", defaultValue = "8080",
            description = "web console port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int consolePort;

    @Option(names = "--head-office", description = "also a head office on this machine: a 3-node RabbitMQ cluster, "
            + "PostgreSQL 15, two ingest workers and the head-office console with a year of 20 other branches; the branch "
            + "uplinks to it (needs Debian's rabbitmq-server and postgresql-15; 30-90 s to start)")
    boolean headOffice;

    @Option(names = "--hq-console-port", defaultValue = "8081",
            description = "with --head-office: the head-office console's port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    int hqConsolePort;

    @Option(names = "--customers", defaultValue = "0",
            description = "headless: stop after this many customers were served and rated (default: run until Ctrl-C)")
    int customers;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!portFree(port)) {
            System.err.println("port " + port + " on 127.0.0.1 is in use (another broker?): choose another with --port");
            return 2;
        }
        if (!headless && java.awt.GraphicsEnvironment.isHeadless()) {
            System.err.println("no display here: run with --headless, or set DISPLAY");
            return 2;
        }
        if (!portFree(consolePort)) {
            System.err.println("port " + consolePort + " on 127.0.0.1 is in use: choose another with --console-port");
            return 2;
        }
        DemoHeadOffice hq = null;
        if (headOffice) {
            if (!portFree(hqConsolePort)) {
                System.err.println("port " + hqConsolePort + " on 127.0.0.1 is in use: choose another with --hq-console-port");
                return 2;
            }
            System.out.println("starting head office (3 RabbitMQ nodes, PostgreSQL 15, 2 ingest workers; 30-90 s)...");
            try {
                hq = DemoHeadOffice.start(DEMO_BRANCH, hqConsolePort);
            } catch (IllegalStateException e) {
                System.err.println("head office did not start: " + e.getMessage());
                return 2;
            }
        }
        DemoBranch branch;
        try {
            branch = DemoBranch.start(data, port, consolePort, hq == null ? "" : hq.branchBlock());
        } catch (Exception | Error e) {
            if (hq != null) {
                hq.close();
            }
            throw e;
        }
        System.out.println(branch.consoleDemoAccount());
        if (hq != null) {
            System.out.println(hq.consoleDemoAccount());
        }
        DemoHeadOffice headOfficeToClose = hq;
        if (!branch.awaitConnected(Duration.ofSeconds(30))) {
            System.err.println("not every device reached the broker within 30 s; see the log");
        }
        SimulatedDay day = headless ? new SimulatedDay(branch, System.out, customers) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            if (day != null) {
                day.close();
            }
            branch.close();
            if (headOfficeToClose != null) {
                headOfficeToClose.close();
            }
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        if (headless) {
            day.start();
            if (customers > 0) {
                boolean served = day.awaitDone(60L + customers * 10L);
                System.out.println(served ? "served and rated " + customers + " customers"
                        : "stopped before all customers were served");
                return served ? 0 : 1;
            }
            stopped.await();
        } else {
            try {
                DemoWindows.show(branch).await();
            } catch (UnsupportedOperationException | IllegalStateException e) {
                System.err.println("the windows cannot open (" + e.getMessage() + "): JavaFX needs GTK 3"
                        + " (apt-get install libgtk-3-0) and a display; or run with --headless");
                return 2;
            }
            log.info("all windows closed");
        }
        return 0;
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
