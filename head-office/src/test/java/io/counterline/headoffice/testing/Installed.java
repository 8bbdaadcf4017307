package io.counterline.headoffice.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian programs the head-office tests run that are not on the PATH (RabbitMQ's and
 * PostgreSQL's own bin directories). Missing outside CI: skipped, saying what to install;
 * missing with {@code CI=true}: a failure, because CI promised to install it.
 */
public final class Installed {
    private Installed() {
    }

    public static Path require(Path program, String debianPackage) {
        if (Files.isExecutable(program)) {
            return program;
        }
        String msg = program + " is missing: apt-get install " + debianPackage;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg + " (CI=true, so this is a failure, not a skip)");
        }
        System.err.println("SKIPPED: " + msg);
        Assumptions.abort(msg);
        throw new AssertionError("unreachable");
    }

    /**
     * Runs a command to its end (bounded), returning its output; a non-zero exit throws with the
     * output. Output goes through a file: a daemon it starts (pg_ctl's postgres) keeps a pipe open.
     */
    public static String run(ProcessBuilder pb, int timeoutSeconds) throws Exception {
        Path out = Files.createTempFile("counterline-cmd", ".log");
        try {
            Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
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
