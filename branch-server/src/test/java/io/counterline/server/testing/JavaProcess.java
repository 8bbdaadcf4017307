package io.counterline.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class in a child JVM with this test's class path, for tests that SIGKILL it. */
public final class JavaProcess {
    private JavaProcess() {
    }

    public static ProcessBuilder builder(Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        return new ProcessBuilder(cmd);
    }

    public static Process start(Class<?> main, List<String> args, Path log) throws IOException {
        return builder(main, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
