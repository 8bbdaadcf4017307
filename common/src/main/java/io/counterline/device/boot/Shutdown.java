package io.counterline.device.boot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ordered list of what a running app must close: parts are added as they are started
 * and closed in reverse order, once, by whoever comes first — the window being closed, a failed
 * start, or SIGTERM ({@code systemctl stop}) through the one shutdown hook. Closing never throws:
 * a part that fails to close is logged and the rest still close, so the device runtime (added
 * first, closed last) always publishes its final "stopped" status.
 */
public final class Shutdown implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

    private final String app;
    private final Deque<Part> parts = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;
    private Thread closer;
    private volatile int exitStatus = DeviceMain.OK;

    private record Part(String name, AutoCloseable closeable) {
    }

    public Shutdown(String app) {
        this.app = app;
    }

    /**
     * Adds a started part, to be closed before every part added earlier.
     *
     * @return {@code part}, for wiring in one expression
     * @throws IllegalStateException when closing has begun: the caller must close the part itself
     */
    public synchronized <T extends AutoCloseable> T add(String name, T part) {
        if (closing) {
            throw new IllegalStateException(app + " is stopping; " + name + " was not started");
        }
        parts.push(new Part(name, part));
        return part;
    }

    /** Installs the JVM shutdown hook that closes this list (SIGTERM, SIGINT, System.exit). */
    public Shutdown onJvmExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, app + "-shutdown"));
        return this;
    }

    /**
     * Stops the app cleanly so that systemd starts it again (the {@code device.restart} command;
     * reloading the config is this restart, as the config is read and checked only at start):
     * notes {@link DeviceMain#RESTART} as the exit status and closes the list on a thread of its
     * own (the caller may be a part's thread, e.g. the broker's, which closing waits for). The
     * app's {@code run} then returns (its window closed, or {@link #await()} released) and
     * {@link DeviceMain} exits with that status; the units restart on it.
     */
    public void restart() {
        synchronized (this) {
            if (closing) {
                return;
            }
            exitStatus = DeviceMain.RESTART;
        }
        log.info("{}: restart asked; stopping so that systemd starts it again", app);
        Thread t = new Thread(this::close, app + "-restart");
        t.start();
    }

    /** {@link DeviceMain#RESTART} after {@link #restart()}, else {@link DeviceMain#OK}. */
    public int exitStatus() {
        return exitStatus;
    }

    /** Blocks until the list has been closed, e.g. the main thread of an app without a window. */
    public void await() throws InterruptedException {
        closed.await();
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Closes every part in reverse order of adding; later calls wait for the first to finish. */
    @Override
    public void close() {
        boolean first;
        synchronized (this) {
            first = !closing;
            closing = true;
            if (first) {
                closer = Thread.currentThread();
            } else if (closer == Thread.currentThread()) {
                return; // a part, while closing, asked to close everything: it is under way
            }
        }
        if (!first) {
            waitUntilClosed();
            return;
        }
        Part part;
        while ((part = next()) != null) {
            try {
                part.closeable().close();
            } catch (Exception | LinkageError e) {
                log.warn("{}: closing {} failed: {}", app, part.name(), e.toString());
            }
        }
        log.info("{} stopped", app);
        closed.countDown();
    }

    private synchronized Part next() {
        return parts.poll();
    }

    private void waitUntilClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
