package io.counterline.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the test started with this test's class path and a small heap, its standard output
 * (the facts of a {@link DeviceProcess}) and standard error (its log) in files, kept for
 * diagnosis after the test.
 */
final class ChildProcess {
    /** Ten of these share two cores: small heaps, quick compiler only, one GC thread. */
    private static final List<String> SMALL_JVM = List.of("-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true", "-Dlogback.configurationFile=counterline-logback.xml");

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private ChildProcess(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code main} with {@code args}; output goes to {@code dir/name.out} and {@code dir/name.err}. */
    static ChildProcess java(String name, Class<?> main, List<String> args, Path dir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SMALL_JVM);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildProcess(name, p, out, err);
    }

    String name() {
        return name;
    }

    /**
     * The facts written so far, each split into words; a last line without its newline (the
     * process died writing it, or is writing it now) is not a fact yet.
     */
    List<String[]> facts() {
        String text = read(out);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        return text.substring(0, end).lines().map(l -> l.split(" ")).toList();
    }

    /** The facts of one kind ({@code TICKET}, {@code RATED}, …), without the kind. */
    List<String[]> facts(String kind) {
        return facts().stream().filter(w -> w[0].equals(kind)).map(w -> Arrays.copyOfRange(w, 1, w.length)).toList();
    }

    long count(String kind) {
        return facts(kind).size();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until it is gone; the exit value is then 137. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
        return process.exitValue();
    }

    /** SIGTERM: the process closes its devices; returns at once, see {@link #awaitStopped}. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the end after {@link #terminate}, at most 20 s, then kills it. */
    void awaitStopped() throws InterruptedException {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** The last {@code lines} of standard output and standard error, for a failure report. */
    String tails(int lines) {
        return "---- " + name + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
                + "\n-- stdout " + out + "\n" + tail(read(out), lines) + "\n-- stderr " + err + "\n"
                + tail(read(err), lines);
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
