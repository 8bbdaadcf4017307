package io.counterline.caller.voice;

import io.counterline.audio.Announcement;
import io.counterline.audio.Announcer;
import io.counterline.audio.AnnouncerException;
import io.counterline.protocol.Health;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays announcements one after another, in the order given, on its own thread
 * {@code caller-voice}: {@link Announcer#announce} blocks until the words are spoken, and the
 * controller must never wait for a speaker. A failure to play is reported as degraded health
 * and the next announcement is tried as usual.
 */
public final class AnnouncementQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementQueue.class);

    private final Announcer announcer;
    private final Consumer<Health> health;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "caller-voice");
        t.setDaemon(true);
        return t;
    });

    /** @param health gets the announcer's health after each announcement, on the voice thread */
    public AnnouncementQueue(Announcer announcer, Consumer<Health> health) {
        this.announcer = announcer;
        this.health = health;
    }

    /** Queues {@code announcement}; returns at once. */
    public void say(Announcement announcement) {
        try {
            worker.execute(() -> play(announcement));
        } catch (RejectedExecutionException closed) {
            // Shutting down: nothing more is said.
        }
    }

    private void play(Announcement announcement) {
        try {
            announcer.announce(announcement);
            health.accept(Health.OK);
        } catch (AnnouncerException | RuntimeException e) {
            log.warn("announcement \"{}\" not played: {}", announcement.text(), e.getMessage());
            health.accept(Health.degraded("cannot play: " + e.getMessage()));
        }
    }

    /** Stops at once; what is still queued is dropped. Does not close the announcer, which its opener owns. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
