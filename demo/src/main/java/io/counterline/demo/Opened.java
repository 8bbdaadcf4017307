package io.counterline.demo;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;

/**
 * What a demo part started, closed in reverse order of start: one part that fails to close is
 * logged and the others still close.
 */
final class Opened implements AutoCloseable {
    private final Deque<AutoCloseable> open = new ConcurrentLinkedDeque<>();
    private final Logger log;

    Opened(Logger log) {
        this.log = log;
    }

    /** Keeps {@code closeable} to close, before everything kept earlier. */
    <T extends AutoCloseable> T keep(T closeable) {
        open.push(closeable);
        return closeable;
    }

    @Override
    public void close() {
        for (AutoCloseable c = open.poll(); c != null; c = open.poll()) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {}: {}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
