package io.counterline.demo.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench [--broker embedded|mosquitto] [--quick] [--out FILE]}: measures the branch's
 * latencies, throughput, backlog drain and memory on this machine over a real loopback broker,
 * and prints the report (also to {@code --out}). Its files live in a temporary folder that is
 * removed afterwards. {@code bench head-office …} measures the head-office ingest instead
 * ({@link HeadOfficeBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "Counterline benchmark 0.1",
        subcommands = HeadOfficeBench.class,
        description = "Measures Counterline on this machine: latencies against the raw MQTT round trip, durable "
                + "ticket throughput, outbox drain and memory per app.")
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--broker", description = "embedded or mosquitto (default: mosquitto if /usr/sbin/mosquitto "
            + "is installed, else embedded)")
    LoopbackBroker.Kind broker;

    @Option(names = "--quick", description = "a short smoke run (under 45 s): fewer samples, 5,000-event backlog")
    boolean quick;

    @Option(names = "--out", description = "also write the report to this file")
    Path out;

    public static void main(String[] args) {
        // Before anything logs: the apps' INFO logs would bury the report.
        System.setProperty("logback.configurationFile", "io/counterline/demo/bench/bench-logback.xml");
        System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Report report = run(quick ? Plan.QUICK : Plan.DEFAULT, broker == null ? LoopbackBroker.defaultKind() : broker);
        String text = report.text();
        System.out.print(text);
        if (out != null) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
        return 0;
    }

    /** Runs the benchmark in a temporary folder, removed afterwards. */
    static Report run(Plan plan, LoopbackBroker.Kind kind) throws Exception {
        Path dir = Files.createTempDirectory("counterline-bench-");
        try {
            return new Benchmark(plan, kind, dir, System.err).run();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
