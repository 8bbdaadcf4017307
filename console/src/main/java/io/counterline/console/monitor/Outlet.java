package io.counterline.console.monitor;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream's own bounded queue, written out by a writer thread of its own while it has
 * something to write, so a browser that stops reading (its TCP window full, the write blocked)
 * holds up only its own writer: the feed's thread only queues. A stream whose queue is full has
 * fallen too far behind and is dropped; the browser reconnects with {@code Last-Event-ID} and
 * catches up from the events the feed keeps, or gets a fresh snapshot.
 *
 * <p>Threading: {@link #offer} from the feed's thread; {@link Subscriber#send} and
 * {@link Subscriber#heartbeat} on a writer thread, one at a time and in order.
 */
final class Outlet {
    private static final Logger log = LoggerFactory.getLogger(Outlet.class);
    /** Queued in place of an event: write a heartbeat comment. */
    static final MonitorEvent HEARTBEAT = new MonitorEvent("", -1, "heartbeat", null, null, "");

    private final MonitorFeed.Subscriber subscriber;
    private final int bound;
    private final Executor writers;
    private final Queue<MonitorEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean gone = new AtomicBoolean();

    Outlet(MonitorFeed.Subscriber subscriber, int bound, Executor writers) {
        this.subscriber = subscriber;
        this.bound = bound;
        this.writers = writers;
    }

    MonitorFeed.Subscriber subscriber() {
        return subscriber;
    }

    /**
     * Queues an event (or {@link #HEARTBEAT}) for this stream.
     *
     * @return false when the stream has gone or is {@code bound} events behind: drop it
     */
    boolean offer(MonitorEvent e) {
        if (gone.get()) {
            return false;
        }
        if (queued.incrementAndGet() > bound) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(e);
        if (writing.compareAndSet(false, true)) {
            writers.execute(this::write);
        }
        return true;
    }

    /** Stops writing and closes the connection (on a writer thread: closing may block too). */
    void drop(String why) {
        if (gone.compareAndSet(false, true)) {
            log.info("monitor: a stream dropped ({})", why);
        }
        queue.clear();
        writers.execute(() -> {
            try {
                subscriber.drop();
            } catch (RuntimeException ex) {
                log.debug("monitor: closing a dropped stream: {}", ex.toString());
            }
        });
    }

    boolean gone() {
        return gone.get();
    }

    private void write() {
        while (true) {
            MonitorEvent e;
            while ((e = queue.poll()) != null) {
                queued.decrementAndGet();
                if (gone.get()) {
                    continue;
                }
                try {
                    boolean open = e == HEARTBEAT ? subscriber.heartbeat() : subscriber.send(e);
                    if (!open) {
                        gone.set(true);
                    }
                } catch (RuntimeException ex) {
                    log.debug("monitor: a stream failed: {}", ex.toString());
                    gone.set(true);
                }
            }
            writing.set(false);
            // Something queued between the last poll and the flag going down: write it too.
            if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
