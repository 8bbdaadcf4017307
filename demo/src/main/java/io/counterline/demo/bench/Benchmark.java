package io.counterline.demo.bench;

import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Operation;
import io.counterline.server.BranchServer;
import io.counterline.server.BranchServerMain;
import io.counterline.server.config.BranchConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark run, in order: the raw MQTT baseline, the SQLite commit probe, then against a
 * real branch server (store in the run's folder) the kiosk, call and rating paths and the
 * outbox drain, then ticket throughput at 1, 4 and 16 kiosks (a fresh server, i.e. an empty
 * morning queue, for each), and last the resident memory of every app in its own JVM.
 */
final class Benchmark {
    static final double SLIP_GOAL_MS = 3;
    static final double CALL_GOAL_MS = 3;
    static final double RATING_GOAL_MS = 5;
    static final double OPS_GOAL = 5_000;
    static final double DRAIN_GOAL_S = 20;
    static final int[] CONCURRENCY = {1, 4, 16};
    static final double MONITOR_RATIO_GOAL = 10;
    static final double PAGE_GOAL_MS = 300;
    /** 275 a day for 365 days: 100,375 tickets, about 62,000 of them rated. */
    static final int YEAR_TICKETS_PER_DAY = 275;
    /** Issue 13's goals for every device role with the shipped JVM flags. */
    static final double READY_GOAL_S = 3;
    static final double RSS_GOAL_MIB = 80;

    private final Plan plan;
    private final LoopbackBroker.Kind brokerKind;
    private final Path dir;
    private final PrintStream progress;
    private final Report report = new Report();

    Benchmark(Plan plan, LoopbackBroker.Kind brokerKind, Path dir, PrintStream progress) {
        this.plan = plan;
        this.brokerKind = brokerKind;
        this.dir = dir;
        this.progress = progress;
    }

    Report run() throws Exception {
        int port = LoopbackBroker.freePort();
        BenchBranch branch = new BenchBranch(dir, "tcp://127.0.0.1:" + port);
        BranchConfig main = branch.server(dir.resolve("server-main"));
        report.setup("Counterline benchmark, " + plan.name() + " run");
        report.setup(Machine.describe());
        try (LoopbackBroker broker = LoopbackBroker.start(brokerKind, main, port, dir)) {
            report.setup("broker: " + broker.describe());
            report.setup("store: SQLite, WAL, synchronous=FULL, under " + dir);
            step("raw MQTT round trip");
            Samples baseline = RoundTrip.measure(branch, plan);
            report.latency(Report.BASELINE, baseline, 0);
            step("SQLite durable commit");
            report.latency("SQLite durable commit, 1 row (fsync floor)", CommitProbe.measure(dir.resolve("probe.db"),
                    plan.samples()), 0);
            recording();
            try (BranchServer server = BranchServer.start(main, Clock.systemUTC())) {
                awaitServing(branch);
                step("kiosk press -> first slip byte");
                report.latency("kiosk press -> first slip byte (online)", SlipLatency.measure(branch, plan),
                        SLIP_GOAL_MS);
                step("call next");
                CallLatency.Result call = CallLatency.measure(branch, plan);
                report.latency("call next -> LED frame written", call.led(), CALL_GOAL_MS);
                report.latency("call next -> answer at the caller", call.answer(), 0);
                report.latency("call next -> hall display has the call", call.hall(), CALL_GOAL_MS);
                step("rating key");
                RatingLatency.Result rating = RatingLatency.measure(branch, server, plan);
                report.latency("rating key -> thank-you LED (outbox commit incl.)", rating.led(), RATING_GOAL_MS);
                report.latency("rating key -> server committed (ack)", rating.committed(), 0);
                step("outbox drain of " + plan.backlog() + " events");
                OutboxDrain.Result drain = OutboxDrain.measure(branch, server, plan.backlog());
                report.figure("outbox backlog appended (device, 1 commit each)", drain.appendSeconds(), "s");
                report.figure("outbox drain of " + plan.backlog() + " events, all stored", drain.drainSeconds(), "s",
                        "<= " + (int) DRAIN_GOAL_S + " s for 100,000", drain.drainSeconds() * 100_000 / plan.backlog()
                                <= DRAIN_GOAL_S);
                report.figure("outbox drain rate", drain.stored() / drain.drainSeconds(), "events/s");
            }
            console(branch, baseline);
            throughput(branch);
            if (brokerKind == LoopbackBroker.Kind.EMBEDDED) {
                broker.close(); // the server in its own JVM runs its own embedded broker
            }
            memory(branch);
        }
        return report;
    }

    /** A counter's recording: capture and segmenting CPU as a share of real time; bytes per counter day. */
    private void recording() throws Exception {
        int seconds = plan.samples() >= 500 ? 3600 : 600;
        step("recording: " + seconds / 60 + " min of intercom audio captured and cut into segments");
        RecordingCapture.Result r = RecordingCapture.measure(dir.resolve("recordings"), seconds);
        report.figure("recording: capture + 60 s segments + SHA-256, CPU / real time", r.cpuPerRealTime() * 100, "%");
        report.figure("recording: bytes per 8-hour counter day (WAV s16le 16 kHz stereo)",
                r.bytes() / r.audioSeconds() * 8 * 3600 / (1024.0 * 1024 * 1024), "GiB");
        report.note(String.format(Locale.ROOT, "recording: %.0f s of simulated audio in %.2f s of CPU (%.2f s wall);"
                + " arecord's own CPU on the Pi is not included", r.audioSeconds(), r.cpuSeconds(), r.wallSeconds()));
    }

    /** The web console: monitor latency against the raw round trip; report pages over a year, 20 supervisors. */
    private void console(BenchBranch branch, Samples baseline) throws Exception {
        step("console: call next -> event on an open monitor stream");
        try (BranchServer server = BranchServer.start(branch.serverWithConsole(dir.resolve("server-console")),
                Clock.systemUTC())) {
            awaitServing(branch);
            Samples monitor = ConsoleBench.monitor(branch, server, plan);
            report.latency("call next -> event on an open monitor stream (console)", monitor, 0);
            double ratio = monitor.percentileMillis(99) / baseline.percentileMillis(99);
            report.figure("monitor p99 / raw MQTT p99", ratio, "x", "< " + (int) MONITOR_RATIO_GOAL,
                    ratio < MONITOR_RATIO_GOAL);
        }
        step("console: a year in the store, then 20 supervisors on the monthly report and rankings");
        Path year = dir.resolve("server-year");
        int[] written = ConsoleBench.writeYear(year.resolve("branch.db"), YEAR_TICKETS_PER_DAY);
        try (BranchServer server = BranchServer.start(branch.serverWithConsole(year), Clock.systemUTC())) {
            awaitServing(branch);
            ConsoleBench.Pages pages = ConsoleBench.pages(server, plan.samples() >= 500 ? 10 : 1, written[0], written[1]);
            report.note(String.format(Locale.ROOT, "console pages: store with %,d tickets and %,d ratings over 365 days;"
                    + " %d supervisors at once, each with its own session; monthly = last calendar month",
                    pages.tickets(), pages.ratings(), ConsoleBench.SUPERVISORS));
            report.figure("console monthly report page, first request (computes it)", pages.coldReportMillis(), "ms");
            report.figure("console rankings page, first request (computes it)", pages.coldRankingsMillis(), "ms");
            report.latency("console monthly report page, 20 supervisors", pages.report(), PAGE_GOAL_MS);
            report.latency("console rankings page, 20 supervisors", pages.rankings(), PAGE_GOAL_MS);
        }
    }

    private void throughput(BenchBranch branch) throws Exception {
        List<DeviceRuntime> kiosks = new ArrayList<>();
        try {
            for (int k = 1; k <= BenchBranch.KIOSKS; k++) {
                kiosks.add(branch.runtime(BenchBranch.kiosk(k), DeviceRole.KIOSK));
            }
            for (DeviceRuntime k : kiosks) {
                Await.get(Connections.up(k), k.settings().id() + " connection");
            }
            for (int n : CONCURRENCY) {
                step("ticket.issue throughput, " + n + " kiosk(s)");
                try (BranchServer server = BranchServer.start(branch.server(dir.resolve("server-ops-" + n)),
                        Clock.systemUTC())) {
                    awaitServing(branch);
                    double ops = TicketThroughput.measure(kiosks.subList(0, n), plan.throughputWarmup(),
                            plan.throughputMeasure());
                    String name = "durable ticket.issue ops/s, " + n + (n == 1 ? " kiosk" : " kiosks");
                    if (n == CONCURRENCY[CONCURRENCY.length - 1]) {
                        report.figure(name, ops, "ops/s", ">= " + (int) OPS_GOAL, ops >= OPS_GOAL);
                    } else {
                        report.figure(name, ops, "ops/s");
                    }
                }
            }
        } finally {
            kiosks.forEach(DeviceRuntime::close);
        }
    }

    private void memory(BenchBranch bench) throws Exception {
        step("resident memory of each app in its own JVM");
        Path rssDir = dir.resolve("rss");
        ResidentMemory.App server;
        BenchBranch branch;
        if (brokerKind == LoopbackBroker.Kind.EMBEDDED) {
            int port = LoopbackBroker.freePort();
            branch = new BenchBranch(rssDir, "tcp://127.0.0.1:" + port);
            server = new ResidentMemory.App("branch server (with embedded broker)", "server", BranchServerMain.class.getName(),
                    List.of("--config", branch.serverFileWithEmbeddedBroker(rssDir.resolve("server"), port).toString()));
        } else {
            branch = new BenchBranch(rssDir, bench.brokerUri());
            server = new ResidentMemory.App("branch server", "server", BranchServerMain.class.getName(),
                    List.of("--config", branch.serverFileOnBenchBroker(rssDir.resolve("server")).toString()));
        }
        List<ResidentMemory.App> devices = List.of(
                new ResidentMemory.App("kiosk (headless node)", "kiosk", NodeMain.class.getName(), List.of("kiosk", "--config",
                        branch.write("kiosk.conf", branch.deviceHocon(BenchBranch.kiosk(1)) + """
                                printer { type = simulated, simulated.output-dir = "%s" }
                                kiosk { admin-pin-hash = "%s" }
                                """.formatted(rssDir.resolve("slips"), SlipLatency.ADMIN_PIN_HASH)).toString())),
                new ResidentMemory.App("counter caller (headless node)", "caller", NodeMain.class.getName(), List.of("caller",
                        "--config", branch.write("caller.conf", branch.deviceHocon("caller-1") + """
                                counter-caller { counter = c1, counter-number = "1", display { type = simulated },
                                                 announcer { type = simulated } }
                                """).toString())),
                new ResidentMemory.App("rating pad (its Main, no screen)", "pad", "io.counterline.pad.Main", List.of("--config",
                        branch.write("pad.conf", branch.deviceHocon("pad-1")
                                + "rating-pad { counter = c1, keys { type = simulated } }\n").toString())),
                new ResidentMemory.App("hall display (headless node)", "hall", NodeMain.class.getName(), List.of("hall",
                        "--config", branch.write("hall.conf", branch.deviceHocon("hall-1") + """
                                counterline.hall { content-folder = "%s" }
                                announcer { type = simulated }
                                """.formatted(rssDir.resolve("hall-content"))).toString())));
        java.nio.file.Files.createDirectories(rssDir);
        Map<String, List<String>> shipped = new java.util.HashMap<>();
        for (ResidentMemory.App app : devices) {
            shipped.put(app.role(), ResidentMemory.shippedFlags(app.role()));
        }
        shipped.put(server.role(), ResidentMemory.shippedFlags(server.role()));
        try (ResidentMemory rss = new ResidentMemory(rssDir)) {
            Map<ResidentMemory.App, ResidentMemory.Figures> defaults = rss.measure(server, devices, app -> List.of(), "defaults");
            rss.stopAll();
            Map<ResidentMemory.App, ResidentMemory.Figures> packaged = rss.measure(server, devices,
                    app -> shipped.get(app.role()), "shipped");
            for (ResidentMemory.App app : defaults.keySet()) {
                boolean device = !app.equals(server);
                ResidentMemory.Figures d = defaults.get(app), p = packaged.get(app);
                report.figure("start -> connected, JVM defaults: " + app.name(), d.readySeconds(), "s");
                String ready = "start -> connected, shipped flags: " + app.name();
                String rssShipped = "VmRSS after start, shipped flags: " + app.name();
                if (device) {
                    report.figure(ready, p.readySeconds(), "s", "<= " + READY_GOAL_S, p.readySeconds() <= READY_GOAL_S);
                } else {
                    report.figure(ready, p.readySeconds(), "s");
                }
                report.figure("VmRSS after start, JVM defaults: " + app.name(), d.rssMiB(), "MiB");
                if (device) {
                    report.figure(rssShipped, p.rssMiB(), "MiB", "<= " + RSS_GOAL_MIB, p.rssMiB() <= RSS_GOAL_MIB);
                } else {
                    report.figure(rssShipped, p.rssMiB(), "MiB");
                }
            }
        }
        shipped.forEach((role, flags) -> report.note("shipped JVM flags, " + role + ": " + String.join(" ", flags)
                + " (deploy/packages/" + role + "/counterline-" + role + ".service)"));
        report.note("memory and start: each app in its own JVM, class path of this run, first with no JVM flags,"
                + " then with its unit's; start -> connected is process start to its broker connection in its log,"
                + " VmRSS once it settled after connecting; the screen roles run headless here (no JavaFX)");
    }

    /** Waits until the newly started server answers (it subscribes a moment after start returns). */
    private static void awaitServing(BenchBranch branch) throws Exception {
        try (DeviceRuntime probe = branch.runtime("ping-1", DeviceRole.KIOSK)) {
            Readiness.firstAnswer(probe, Operation.TICKET_ISSUE, new Bodies.IssueTicket("D"));
        }
    }

    private void step(String what) {
        progress.println("bench: " + what + " ...");
    }
}
