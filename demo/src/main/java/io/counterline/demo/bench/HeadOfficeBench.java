package io.counterline.demo.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.headoffice.cluster.ClusterDefinitions;
import io.counterline.headoffice.cluster.ClusterDefinitions.Login;
import io.counterline.headoffice.testing.IngestProcess;
import io.counterline.headoffice.testing.PostgresServer;
import io.counterline.headoffice.testing.RabbitCluster;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.server.store.SqliteBranchStore;
import io.counterline.server.store.StoreException;
import io.counterline.server.uplink.SimulatedBranch;
import io.counterline.server.uplink.Uplink;
import io.counterline.server.uplink.UplinkJournal;
import io.counterline.server.uplink.UplinkSettings;
import io.counterline.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench head-office}: branch commit → head office's PostgreSQL commit → acknowledgement,
 * on this machine, with real parts: PostgreSQL 15 from Debian's binaries and a three-node
 * RabbitMQ cluster (MQTT plugin, quorum queue) on free loopback ports, ingest workers in their
 * own JVMs, and N simulated branches in this JVM, each with its own SQLite branch store, its
 * real {@link Uplink} and its own MQTT connection. Two runs: a catch-up (every branch holds a
 * day's facts when all connect at once) and a paced run (the branches commit at an offered total
 * rate). Prints the figures, the CPU each part used and the load average.
 */
@Command(name = "head-office", mixinStandardHelpOptions = true,
        description = "Head-office ingest: N branches uplinking through a local 3-node RabbitMQ cluster and ingest "
                + "workers into PostgreSQL 15 (Debian's rabbitmq-server and postgresql-15).")
final class HeadOfficeBench implements Callable<Integer> {
    private static final MessageCodec CODEC = new MessageCodec();
    private static final String INGEST_PASSWORD = "bench-ingest-password";
    /** How often the paced run samples each branch's unacknowledged count (the acknowledgement delay's resolution). */
    private static final Duration ACK_SAMPLING = Duration.ofMillis(100);

    @Option(names = "--branches", defaultValue = "200", description = "simulated branches, one MQTT connection each (default 200)")
    int branches;

    @Option(names = "--facts", defaultValue = "2000",
            description = "catch-up: facts each branch holds when all connect at once (default 2000; 0 skips it)")
    int facts;

    @Option(names = "--rate", defaultValue = "10000", description = "paced: offered facts/s over all branches (default 10000; 0 skips it)")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "paced: how long the branches commit (default 30)")
    int seconds;

    @Option(names = "--workers", defaultValue = "2", description = "ingest workers, each its own JVM (default 2)")
    int workers;

    @Option(names = "--batch", defaultValue = "1000", description = "facts per PostgreSQL transaction of a worker (default 1000)")
    int batch;

    @Option(names = "--out", description = "also write the report to this file")
    Path out;

    private final List<String> report = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (branches < 1 || facts < 0 || rate < 0 || seconds < 1 || workers < 1 || batch < 1) {
            System.err.println("bench head-office: --branches, --seconds, --workers and --batch must be at least 1");
            return 2;
        }
        Path dir = Files.createTempDirectory("counterline-hq-bench-");
        try {
            run(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String text = String.join("\n", report) + "\n";
        System.out.print(text);
        if (out != null) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
        return 0;
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        report.add(s);
        System.err.println("bench: " + s);
    }

    private void run(Path dir) throws Exception {
        line("HEAD-OFFICE INGEST BENCHMARK %s", Instant.now());
        line("%s", Machine.describe());
        line("set-up: %d branches (MQTT connections, each a SQLite branch store and its uplink, in one JVM), "
                + "3 RabbitMQ nodes, %d ingest workers (batch %d), PostgreSQL 15, all on this machine", branches, workers,
                batch);
        List<Login> logins = new ArrayList<>();
        for (int i = 1; i <= branches; i++) {
            logins.add(new Login("hb%04d".formatted(i), "bench-secret-of-hb%04d".formatted(i)));
        }
        try (PostgresServer pg = PostgresServer.start();
             RabbitCluster cluster = RabbitCluster.start(dir.resolve("rabbit"), 3)) {
            measure(pg, cluster, logins, dir);
        }
    }

    private void measure(PostgresServer pg, RabbitCluster cluster, List<Login> logins, Path dir) throws Exception {
        List<IngestProcess> ingest = new ArrayList<>();
        List<SimulatedBranch> simulated = new ArrayList<>();
        try {
            cluster.importDefinitions(ClusterDefinitions.json(new Login("ingest", INGEST_PASSWORD), logins));
            for (int w = 1; w <= workers; w++) {
                ingest.add(new IngestProcess(dir, "ingest-" + w, cluster.amqpAddresses(), "ingest", INGEST_PASSWORD,
                        pg.jdbcUrl(), batch).start());
            }
            CpuShares cpu = new CpuShares(cluster, pg, ingest);
            List<SqliteBranchStore> stores = new ArrayList<>();
            for (Login l : logins) {
                Path data = Files.createDirectories(dir.resolve("branch-" + l.user()));
                stores.add(SqliteBranchStore.open(data.resolve("branch.db"), Clock.systemUTC()));
            }
            if (facts > 0) {
                for (SqliteBranchStore store : stores) {
                    for (int k = 1; k <= facts; k += 100) {
                        List<Uplink.Fact> chunk = new ArrayList<>();
                        for (int j = k; j < k + 100 && j <= facts; j++) {
                            chunk.add(fact("catch-up", j));
                        }
                        UplinkJournal.commit(store, chunk);
                    }
                }
            }
            CpuShares.Snapshot before = cpu.snapshot();
            String loadBefore = Machine.loadAverage();
            long start = System.nanoTime();
            for (int i = 0; i < branches; i++) {
                Path data = dir.resolve("branch-" + logins.get(i).user());
                simulated.add(new SimulatedBranch(stores.get(i), Uplink.start(logins.get(i).user(),
                        new UplinkSettings(cluster.node(1 + i % 3).mqttUri(), logins.get(i).password(), 1_000_000,
                                Duration.ofSeconds(5)), data, stores.get(i), Clock.systemUTC())));
            }
            if (facts > 0) {
                awaitDrained(simulated, Duration.ofMinutes(30));
                double secs = (System.nanoTime() - start) / 1e9;
                long total = (long) branches * facts;
                line("");
                line("catch-up: %d branches x %d facts = %,d facts, all connecting at once -> last fact acknowledged "
                        + "after its PostgreSQL commit in %.1f s: %,.0f facts/s", branches, facts, total, secs, total / secs);
                line("  load average before %s, after %s", loadBefore, Machine.loadAverage());
                line("  CPU (cores busy on average): %s", cpu.snapshot().since(before, secs));
                line("  PostgreSQL: %s", exactlyOnce(pg, "catch-up", total));
            } else {
                Poll.until(Duration.ofMinutes(5), Duration.ofMillis(200),
                        () -> simulated.stream().allMatch(SimulatedBranch::connected));
            }
            if (rate > 0) {
                paced(pg, cpu, simulated);
            }
        } finally {
            // Branches and workers first, while their brokers still run (no reconnect storms at the end).
            simulated.forEach(SimulatedBranch::close);
            for (IngestProcess w : ingest) {
                w.close();
            }
        }
    }

    /**
     * Each branch commits its share of the offered rate once a second (its transactions spread
     * over the second) for {@code seconds}; the acknowledgement delay of each fact is read from
     * its branch's unacknowledged count, sampled every {@link #ACK_SAMPLING}.
     */
    private void paced(PostgresServer pg, CpuShares cpu, List<SimulatedBranch> simulated) throws Exception {
        int n = simulated.size();
        List<PacedBranch> paced = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            paced.add(new PacedBranch(simulated.get(i), (long) rate * (i + 1) / n - (long) rate * i / n));
        }
        ScheduledExecutorService tick = Executors.newScheduledThreadPool(4);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Samples ackDelays = new Samples(rate * seconds);
        CpuShares.Snapshot before = cpu.snapshot();
        String loadBefore = Machine.loadAverage();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        try {
            for (int i = 0; i < n; i++) {
                PacedBranch b = paced.get(i);
                tick.scheduleAtFixedRate(() -> b.commitIfBefore(end), 1000L * i / n, 1000, TimeUnit.MILLISECONDS);
            }
            sampler.scheduleWithFixedDelay(() -> paced.forEach(b -> b.sampleAcks(ackDelays)), 0,
                    ACK_SAMPLING.toMillis(), TimeUnit.MILLISECONDS);
            Poll.until(Duration.ofSeconds(seconds + 5), Duration.ofMillis(200), () -> System.nanoTime() > end);
            tick.shutdown();
            tick.awaitTermination(30, TimeUnit.SECONDS);
            double committedIn = (System.nanoTime() - start) / 1e9;
            awaitDrained(simulated, Duration.ofMinutes(30));
            double secs = (System.nanoTime() - start) / 1e9;
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            paced.forEach(b -> b.sampleAcks(ackDelays));
            long total = paced.stream().mapToLong(b -> b.committed.get()).sum();
            line("");
            line("paced: %d branches committing %,d facts/s in all (one transaction per branch a second) for %d s: "
                    + "%,d facts committed in %.1f s, the last acknowledged after %.1f s: %,.0f facts/s sustained",
                    n, rate, seconds, total, committedIn, secs, total / secs);
            line("  branch commit -> PostgreSQL transaction: %s", delays(pg));
            line("  branch commit -> acknowledgement at the branch (sampled every %d ms): p50 %.2f s, p99 %.2f s, "
                            + "max %.2f s over %,d facts", ACK_SAMPLING.toMillis(), ackDelays.percentileMillis(50) / 1000,
                    ackDelays.percentileMillis(99) / 1000, ackDelays.percentileMillis(100) / 1000, ackDelays.count());
            line("  load average before %s, after %s", loadBefore, Machine.loadAverage());
            line("  CPU (cores busy on average): %s", cpu.snapshot().since(before, secs));
            line("  PostgreSQL: %s", exactlyOnce(pg, "paced", total));
        } finally {
            tick.shutdownNow();
            sampler.shutdownNow();
        }
    }

    /** One branch of the paced run: what it committed when, and which of it is acknowledged. */
    private static final class PacedBranch {
        private record Commit(long nanos, long upTo) {
        }

        private final SimulatedBranch branch;
        private final long perSecond;
        private final AtomicLong committed = new AtomicLong();
        private final ConcurrentLinkedQueue<Commit> unacknowledged = new ConcurrentLinkedQueue<>();
        /** Facts of this run acknowledged so far (the branch starts drained); the sampler's alone. */
        private long acknowledged;

        PacedBranch(SimulatedBranch branch, long perSecond) {
            this.branch = branch;
            this.perSecond = perSecond;
        }

        void commitIfBefore(long end) {
            if (System.nanoTime() > end || perSecond == 0) {
                return;
            }
            List<Uplink.Fact> chunk = new ArrayList<>();
            for (long j = 0; j < perSecond; j++) {
                chunk.add(fact("paced", committed.get() + j + 1));
            }
            try {
                branch.commit(chunk);
                long upTo = committed.addAndGet(chunk.size());
                unacknowledged.add(new Commit(System.nanoTime(), upTo));
            } catch (StoreException | RuntimeException e) {
                System.err.println("bench: a branch commit failed: " + e.getMessage());
            }
        }

        /** Facts acknowledged since the last sample get the delay from their commit to now. */
        void sampleAcks(Samples delays) {
            long now = System.nanoTime();
            // Read the count before the waiting number: a commit in between only makes a fact look unacknowledged.
            long upTo = committed.get();
            long acked = upTo - branch.waiting();
            for (Commit c; (c = unacknowledged.peek()) != null && c.upTo() <= acked; unacknowledged.poll()) {
                for (long k = acknowledged; k < c.upTo(); k++) {
                    delays.add(now - c.nanos());
                }
                acknowledged = c.upTo();
            }
        }
    }

    private static Uplink.Fact fact(String phase, long k) {
        ObjectNode body = CODEC.emptyBody();
        body.put("ticket", "T-" + k);
        body.put("action", "called");
        body.put("at", Instant.now().toString());
        body.put("counter", "c" + (k % 12));
        body.put("teller", "teller-" + (k % 30));
        body.put("bench", phase);
        return new Uplink.Fact(EventType.BRANCH_TICKET_STEP, body);
    }

    private static void awaitDrained(List<SimulatedBranch> simulated, Duration atMost) throws Exception {
        if (!Poll.until(atMost, Duration.ofMillis(100), () -> simulated.stream().allMatch(b -> b.waiting() == 0))) {
            throw new IllegalStateException("facts still unacknowledged after " + atMost);
        }
    }

    /** The branch-commit → PostgreSQL-transaction delay of the paced facts (its {@code ingested_at} is the transaction's start). */
    private static String delays(PostgresServer pg) throws Exception {
        try (Connection c = pg.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT percentile_cont(ARRAY[0.5, 0.99, 1.0]) WITHIN GROUP"
                     + " (ORDER BY extract(epoch FROM ingested_at - (body->>'at')::timestamptz))"
                     + " FROM facts WHERE body->>'bench' = 'paced'")) {
            rs.next();
            Double[] p = (Double[]) rs.getArray(1).getArray();
            return String.format(Locale.ROOT, "p50 %.2f s, p99 %.2f s, max %.2f s", p[0], p[1], p[2]);
        }
    }

    private static String exactlyOnce(PostgresServer pg, String phase, long expected) throws Exception {
        try (Connection c = pg.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT (branch, boot, seq)) FROM facts"
                     + " WHERE body->>'bench' = '" + phase + "'")) {
            rs.next();
            long rows = rs.getLong(1);
            long distinct = rs.getLong(2);
            String verdict = rows == expected && distinct == expected ? "every fact once" : "MISMATCH";
            return String.format(Locale.ROOT, "%,d rows, %,d distinct (branch, boot, seq), %,d committed: %s",
                    rows, distinct, expected, verdict);
        }
    }
}
