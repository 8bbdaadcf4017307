package io.counterline.kiosk.printer;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Two connected pseudo-terminals made by socat: {@code printer} for the code under test and
 * {@code far} for the fake printer. Skips the test when socat is missing, unless CI=true.
 */
final class PtyPair implements AutoCloseable {
    private static final Path SOCAT = Path.of("/usr/bin/socat");

    final Path printer;
    final Path far;
    private final Process socat;

    private PtyPair(Path dir) throws IOException {
        printer = dir.resolve("printer");
        far = dir.resolve("far");
        socat = new ProcessBuilder(SOCAT.toString(), "-d", "-d",
                "pty,raw,echo=0,link=" + printer, "pty,raw,echo=0,link=" + far)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(printer) && Files.exists(far));
    }

    static PtyPair open(Path dir) throws IOException {
        if (!Files.isExecutable(SOCAT)) {
            String message = SOCAT + " not found: install socat to run the pseudo-terminal tests";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return new PtyPair(dir);
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            socat.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
