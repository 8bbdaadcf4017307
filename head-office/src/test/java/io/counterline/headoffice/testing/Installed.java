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
}
