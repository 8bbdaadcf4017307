package io.counterline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A device app's real {@code Main} in a child JVM with this test's class path, as systemd runs
 * it: {@link #sigterm()} is {@code systemctl stop}. JavaFX, if the app opens a window, runs on
 * Monocle's headless platform with the software renderer (Monocle is on the apps' test class path).
 */
public final class AppProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code args}; standard output and error go to {@code log}. */
    public static AppProcess start(String mainClass, List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AppProcess(p, log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as {@code systemctl stop} sends. */
    public void sigterm() {
        process.destroy();
    }

    /** Waits for the exit; its status, or fails naming the output when it does not exit in time. */
    public int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + patience + ":\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL if still running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
