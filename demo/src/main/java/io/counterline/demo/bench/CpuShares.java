package io.counterline.demo.bench;

import io.counterline.headoffice.testing.IngestProcess;
import io.counterline.headoffice.testing.PostgresServer;
import io.counterline.headoffice.testing.RabbitCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of each part of the head-office benchmark: the RabbitMQ nodes' Erlang VMs, PostgreSQL
 * (the postmaster and its backends), the ingest workers' JVMs and this JVM (the branches), read
 * from the kernel's per-process accounting ({@link ProcessHandle.Info#totalCpuDuration}).
 */
final class CpuShares {
    private final Map<String, List<Long>> pids = new LinkedHashMap<>();

    CpuShares(RabbitCluster cluster, PostgresServer pg, List<IngestProcess> workers) throws Exception {
        List<Long> beams = new ArrayList<>();
        for (RabbitCluster.Node n : cluster.nodes()) {
            beams.add(cluster.pid(n.index()));
        }
        pids.put("RabbitMQ (3 nodes)", beams);
        pids.put("PostgreSQL", List.of(pg.pid()));
        pids.put("ingest workers", workers.stream().map(IngestProcess::pid).toList());
        pids.put("branches (this JVM)", List.of(ProcessHandle.current().pid()));
    }

    /** CPU seconds used so far by each part (a process and its living descendants). */
    Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((part, list) -> seconds.put(part, list.stream().mapToDouble(CpuShares::cpuSeconds).sum()));
        return new Snapshot(seconds);
    }

    private static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid).map(p -> {
            double own = p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
            return own + p.descendants().mapToDouble(d -> d.info().totalCpuDuration().map(Duration::toNanos)
                    .orElse(0L) / 1e9).sum();
        }).orElse(0.0);
    }

    record Snapshot(Map<String, Double> seconds) {
        /** Cores each part kept busy on average over {@code wallSeconds} since {@code before}, busiest first. */
        String since(Snapshot before, double wallSeconds) {
            double all = 0;
            Map<String, Double> cores = new LinkedHashMap<>();
            for (var e : seconds.entrySet()) {
                double used = e.getValue() - before.seconds().getOrDefault(e.getKey(), 0.0);
                all += used;
                cores.put(e.getKey(), used / wallSeconds);
            }
            int available = Runtime.getRuntime().availableProcessors();
            var busiest = cores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .toList();
            String verdict = all / wallSeconds >= 0.9 * available
                    ? "the machine's CPU was the limit, most of it for " + busiest.get(0).getKey()
                    : "CPU not saturated: the limit was elsewhere (the offered rate, or waiting on disks and acks)";
            return busiest.stream().map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "))
                    + String.format(Locale.ROOT, "; together %.2f of %d cores (this benchmark's processes only)"
                    + "\n  limited by: %s", all / wallSeconds, available, verdict);
        }
    }
}
