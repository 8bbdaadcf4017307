package io.counterline.hall.voice;

import io.counterline.audio.Announcement;
import io.counterline.audio.Announcer;
import io.counterline.audio.AnnouncerException;
import io.counterline.protocol.CallsState.Call;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces each new call in full, in order, on one named worker thread.
 *
 * <p>Rules: a call is announced as its {@link Announcement} (with its chime) and then once more
 * without the chime, as two {@link Announcer#announce} calls; the next call waits until both have
 * played, so nothing is ever cut off. When, after the first time, more than {@code backlogThreshold}
 * calls are pending counting this one, the repeat is skipped so a burst of calls catches up. A
 * failing phrase or announcer is logged and the call dropped; the queue goes on. Deciding which
 * calls are new (recalls yes, redelivered states no) is the board's job; this queue announces
 * whatever it is given.
 *
 * <p>Repeating with a second {@code announce} rather than doubling the segments keeps the chime
 * once, leaves the text and the segments of one announcement saying the same thing for every
 * driver, and gives the backlog rule a clean point to skip the repeat.
 *
 * <p>Threading: {@link #enqueue} returns at once and may be called from any thread. The announcer
 * is borrowed: its owner closes it after this.
 */
public final class CallAnnouncer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallAnnouncer.class);
    private static final Job STOP = new Job(null);

    private final Announcer announcer;
    private final Function<Call, Announcement> phrasing;
    private final int backlogThreshold;
    private final Duration closeWait;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closed;

    /**
     * Starts the worker thread {@code hall-announcer}.
     *
     * @param phrasing         turns a call into what to say, e.g. {@code Phrases.call(number, counter)}
     * @param backlogThreshold pending calls above which older calls are spoken once ({@code backlog-threshold})
     * @param closeWait        how long {@link #close} lets the announcement being played finish
     */
    public CallAnnouncer(Announcer announcer, Function<Call, Announcement> phrasing, int backlogThreshold,
                         Duration closeWait) {
        if (backlogThreshold < 1) {
            throw new IllegalArgumentException("backlogThreshold must be at least 1, was " + backlogThreshold);
        }
        if (closeWait.isNegative() || closeWait.isZero()) {
            // Thread.join(0) would wait forever.
            throw new IllegalArgumentException("closeWait must be positive, was " + closeWait);
        }
        this.announcer = announcer;
        this.phrasing = phrasing;
        this.backlogThreshold = backlogThreshold;
        this.closeWait = closeWait;
        this.worker = new Thread(this::run, "hall-announcer");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues {@code call} to be announced after the calls already queued. */
    public void enqueue(Call call) {
        if (closed) {
            log.debug("Announcer closed; not announcing {}", call.number());
            return;
        }
        queue.add(new Job(call));
    }

    /**
     * Drops the calls not yet started, lets the one playing finish for up to {@code closeWait},
     * then interrupts the worker and returns.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        queue.add(STOP);
        try {
            worker.join(closeWait.toMillis());
            if (worker.isAlive()) {
                log.warn("Announcement still playing after {}; interrupting it", closeWait);
                worker.interrupt();
                worker.join(closeWait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            for (Job job = queue.take(); job != STOP; job = queue.take()) {
                announce(job.call());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void announce(Call call) {
        Announcement announcement;
        try {
            announcement = phrasing.apply(call);
        } catch (RuntimeException e) {
            log.error("Cannot phrase call {} to counter {}; not announced", call.number(), call.counter(), e);
            return;
        }
        if (!play(call, announcement) || closed) {
            return;
        }
        int pending = queue.size() + 1;
        if (pending > backlogThreshold) {
            log.info("{} calls pending (more than {}): {} spoken once", pending, backlogThreshold, call.number());
            return;
        }
        play(call, new Announcement(announcement.text(), announcement.segments(), false));
    }

    private boolean play(Call call, Announcement announcement) {
        try {
            announcer.announce(announcement);
            return true;
        } catch (AnnouncerException | RuntimeException e) {
            log.error("Announcing {} to counter {} failed: {}", call.number(), call.counter(), e.getMessage(), e);
            return false;
        }
    }

    private record Job(Call call) {
    }
}
