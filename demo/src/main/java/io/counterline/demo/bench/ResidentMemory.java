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
 * Resident memory of each app in its own JVM: started with the same class path and the given JVM
 * flags, waited for until its log says it connected to the broker (the time from start to then is
 * its start-to-ready time), then {@code VmRSS} from {@code /proc/<pid>/status} read until it
 * settles (four readings 250 ms apart within 1 %, at most 6 s), and the process is stopped.
 */
final class ResidentMemory implements AutoCloseable {
    private static final String READY = " connected to tcp://";

    /**
     * An app to start: a name for the report, the package role whose systemd unit carries its
     * shipped JVM flags, its main class and arguments.
     */
    record App(String name, String role, String mainClass, List<String> args) {
    }

    /** One app's figures: seconds from process start to connected, and settled VmRSS. */
    record Figures(double readySeconds, double rssMiB) {
    }

    private record Started(Process process, double readySeconds) {
    }

    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    ResidentMemory(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code app} with {@code jvmFlags} and returns once its log shows the broker connection. */
    private Started start(App app, List<String> jvmFlags, String variant) throws IOException, BenchException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-Dlogback.configurationFile=io/counterline/demo/bench/bench-child-logback.xml",
                "-cp", System.getProperty("java.class.path"), app.mainClass()));
        cmd.addAll(app.args());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        started.add(p);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Path log = dir.resolve(app.role() + "-" + variant + ".log");
        Thread reader = new Thread(() -> copy(p, log, ready), "rss-log-" + app.name());
        reader.setDaemon(true);
        reader.start();
        try {
            Await.get(ready, app.name() + " connected (log " + log + ")");
        } catch (BenchException e) {
            p.destroyForcibly();
            throw e;
        }
        return new Started(p, (System.nanoTime() - t0) / 1e9);
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

    /**
     * Starts the server, then every device app, each with the JVM flags {@code flags} gives for
     * its role; returns each app's figures. The server keeps running for the devices and is
     * stopped with them at {@link #close}.
     */
    Map<App, Figures> measure(App server, List<App> devices, java.util.function.Function<App, List<String>> flags,
                              String variant) throws IOException, BenchException {
        Map<App, Started> running = new LinkedHashMap<>();
        running.put(server, start(server, flags.apply(server), variant));
        for (App app : devices) {
            running.put(app, start(app, flags.apply(app), variant));
        }
        Map<App, Figures> out = new LinkedHashMap<>();
        for (Map.Entry<App, Started> e : running.entrySet()) {
            out.put(e.getKey(), new Figures(e.getValue().readySeconds(), settledRssMiB(e.getValue().process())));
        }
        return out;
    }

    /**
     * The JVM flags a role's systemd unit ships: the words of its {@code ExecStart} between
     * {@code /usr/bin/java} and {@code -cp} (deploy/packages/ROLE/counterline-ROLE.service, the
     * one source of those flags).
     */
    static List<String> shippedFlags(String role) throws IOException, BenchException {
        // The repository: this folder or one above it (the bench runs from the root, its test from demo/).
        Path repo = Path.of("").toAbsolutePath();
        while (repo != null && !Files.isDirectory(repo.resolve("deploy/packages"))) {
            repo = repo.getParent();
        }
        if (repo == null) {
            throw new BenchException("no deploy/packages here or above: run the bench from the repository");
        }
        Path unit = repo.resolve("deploy/packages/" + role + "/counterline-" + role + ".service");
        for (String line : Files.readAllLines(unit)) {
            if (line.startsWith("ExecStart=")) {
                List<String> words = List.of(line.substring("ExecStart=".length()).split("\\s+"));
                int java = words.indexOf("/usr/bin/java");
                int cp = words.indexOf("-cp");
                if (java >= 0 && cp > java) {
                    return words.subList(java + 1, cp);
                }
            }
        }
        throw new BenchException("no java ... -cp in the ExecStart of " + unit);
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
        stopAll();
    }

    /** Stops every process started so far, so that the next {@link #measure} starts afresh. */
    void stopAll() {
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
        started.clear();
    }
}
