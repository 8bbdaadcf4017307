package io.counterline.headoffice.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the Debian programs of a local head office (RabbitMQ's and PostgreSQL's own tools). */
public final class Commands {
    private Commands() {
    }

    /** The program, or a clear error naming the package that brings it. */
    public static Path require(Path program, String debianPackage) {
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException(program + " is missing: apt-get install " + debianPackage);
        }
        return program;
    }

    /**
     * Runs a command to its end (bounded), returning its output; a non-zero exit throws with the
     * output. Output goes through a file: a daemon it starts (pg_ctl's postgres) keeps a pipe open.
     */
    public static String run(ProcessBuilder pb, int timeoutSeconds) throws Exception {
        Path out = Files.createTempFile("counterline-cmd", ".log");
        try {
            Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(pb.command() + " did not finish in " + timeoutSeconds + " s: "
                        + Files.readString(out));
            }
            String text = Files.readString(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(pb.command() + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
