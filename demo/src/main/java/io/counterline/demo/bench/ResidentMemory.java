package io.counterline.demo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory of each app in its own JVM: started with the same class path and heap limit,
 * waited for until its log says it connected to the broker, then {@code VmRSS} from
 * {@code /proc/<pid>/status} read until it settles (four readings 250 ms apart within 1 %, at
 * most 6 s), and the process is stopped.
 */
final class ResidentMemory implements AutoCloseable {
    static final String HEAP = "-Xmx256m";
    private static final String READY = " connected to tcp://";

    /** An app to start: a name for the report, its main class and arguments. */
    record App(String name, String mainClass, List<String> args) {
    }

    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    ResidentMemory(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code app} and returns once its log shows the broker connection. */
    Process start(App app) throws IOException, BenchException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-Dlogback.configurationFile=io/counterline/demo/bench/bench-child-logback.xml",
                "-cp", System.getProperty("java.class.path"), app.mainClass()));
        cmd.addAll(app.args());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        started.add(p);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Path log = dir.resolve(app.name() + ".log");
        Thread reader = new Thread(() -> copy(p, log, ready), "rss-log-" + app.name());
        reader.setDaemon(true);
        reader.start();
        try {
            Await.get(ready, app.name() + " connected (log " + log + ")");
        } catch (BenchException e) {
            p.destroyForcibly();
            throw e;
        }
        return p;
    }

    /** VmRSS in MiB once it settles. */
    static double settledRssMiB(Process p) throws IOException, BenchException {
        List<Long> readings = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            readings.add(rssKiB(p.pid()));
            int n = readings.size();
            if (n >= 4) {
                long lo = readings.subList(n - 4, n).stream().mapToLong(Long::longValue).min().orElseThrow();
                long hi = readings.subList(n - 4, n).stream().mapToLong(Long::longValue).max().orElseThrow();
                if (hi - lo <= hi / 100) {
                    break;
                }
            }
            try {
                Thread.sleep(250); // pacing between readings, not a wait for completion
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted reading memory", e);
            }
        }
        return readings.get(readings.size() - 1) / 1024.0;
    }

    static long rssKiB(long pid) throws IOException, BenchException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new BenchException("no VmRSS for process " + pid + " (it has exited?)");
    }

    /** Starts the server, then every device app; returns each app's settled RSS in MiB. */
    Map<String, Double> measure(App server, List<App> devices) throws IOException, BenchException {
        Map<String, Double> out = new LinkedHashMap<>();
        Process s = start(server);
        Map<String, Process> running = new LinkedHashMap<>();
        for (App app : devices) {
            running.put(app.name(), start(app));
        }
        out.put(server.name(), settledRssMiB(s));
        for (Map.Entry<String, Process> e : running.entrySet()) {
            out.put(e.getKey(), settledRssMiB(e.getValue()));
        }
        return out;
    }

    private static void copy(Process p, Path log, CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                out.flush();
                if (line.contains(READY)) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IOException("exited before connecting"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** Stops every process it started (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
