package io.counterline.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds system programs the integration tests need. Missing on a developer's machine: the test
 * is skipped with a message saying what to install. Missing when {@code CI=true}: the test fails,
 * because CI promised to install it.
 */
public final class Binaries {
    private Binaries() {
    }

    public static Path require(String name, String debianPackage) {
        Optional<Path> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        String msg = name + " is not installed: apt-get install " + debianPackage;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg + " (CI=true, so this is a failure, not a skip)");
        }
        System.err.println("SKIPPED: " + msg);
        Assumptions.abort(msg);
        throw new AssertionError("unreachable");
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin";
        return Stream.of(path.split(":"))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
