package io.counterline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end (bounded), its standard output and error merged: what a technician sees. */
record Run(int exit, String output) {

    static Run of(Duration limit, List<String> command) {
        return of(limit, command, Map.of(), null);
    }

    static Run of(Duration limit, List<String> command, Map<String, String> env, Path dir) {
        try {
            Path out = Files.createTempFile("run", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                pb.environment().putAll(env);
                if (dir != null) {
                    pb.directory(dir.toFile());
                }
                Process p = pb.start();
                if (!p.waitFor(limit.seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(command + " still running after " + limit.seconds + " s: "
                            + Files.readString(out, StandardCharsets.UTF_8));
                }
                return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    Run ok() {
        if (exit != 0) {
            throw new AssertionError("exit " + exit + ":\n" + output);
        }
        return this;
    }

    /** A time limit in whole seconds, so a hung program fails the test instead of hanging it. */
    record Duration(long seconds) {
        static Duration seconds(long s) {
            return new Duration(s);
        }
    }
}
