package io.counterline.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Two linked pseudo-terminals made by socat, reachable by the symlinks {@link #near} (for the
 * code under test) and {@link #far} (for the fake device at the other end of the cable). Skips
 * the test when socat is missing, or fails it when {@code CI=true} (see {@link Binaries}).
 */
public final class PtyPair implements AutoCloseable {
    public final Path near;
    public final Path far;
    private Process socat;

    private PtyPair(Path near, Path far) {
        this.near = near;
        this.far = far;
    }

    /** {@code near} and {@code far} in {@code dir}. */
    public static PtyPair open(Path dir) throws IOException {
        return open(dir.resolve("near"), dir.resolve("far"));
    }

    /** Starts socat and returns once both links exist. */
    public static PtyPair open(Path near, Path far) throws IOException {
        Binaries.require("socat", "socat");
        return new PtyPair(near, far).start();
    }

    /** Starts socat (again, after {@link #stop()}: the adapter plugged back in). */
    public PtyPair start() throws IOException {
        Path binary = Binaries.require("socat", "socat");
        socat = new ProcessBuilder(binary.toString(), "-d", "-d",
                "pty,raw,echo=0,link=" + near, "pty,raw,echo=0,link=" + far)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        near.resolveSibling(near.getFileName() + "-socat.log").toFile()))
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(near) && Files.exists(far));
        return this;
    }

    /** Ends socat, as if the adapter were unplugged: both ptys close and the links go away. Idempotent. */
    public void stop() {
        if (socat == null) {
            return;
        }
        socat.destroy();
        try {
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socat = null;
    }

    @Override
    public void close() {
        stop();
    }
}
