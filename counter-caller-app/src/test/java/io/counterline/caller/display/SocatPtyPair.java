package io.counterline.caller.display;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Two linked pseudo-terminals made by socat, reachable by the symlinks {@code near} and {@code far}. */
final class SocatPtyPair {
    private static final Path SOCAT = Path.of("/usr/bin/socat");

    final Path near;
    final Path far;
    private Process process;

    SocatPtyPair(Path near, Path far) {
        this.near = near;
        this.far = far;
    }

    /** Skips the calling test, visibly, when socat is missing, unless CI=true where that is a failure. */
    static void assumeSocat() {
        if (!Files.isExecutable(SOCAT)) {
            String why = "socat is not installed at " + SOCAT + " (apt install socat)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
    }

    SocatPtyPair start() throws IOException {
        process = new ProcessBuilder(SOCAT.toString(), "-d", "-d",
                "pty,raw,echo=0,link=" + near, "pty,raw,echo=0,link=" + far)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(near) && Files.exists(far));
        return this;
    }

    /** Ends socat, as if the adapter were unplugged: both ptys close and the links go away. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }
}
