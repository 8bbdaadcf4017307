package io.counterline.pad.voice;

import io.counterline.audio.Announcement;
import io.counterline.audio.Announcer;
import io.counterline.audio.AnnouncerException;
import io.counterline.audio.Phrases;
import io.counterline.health.DeviceHealth;
import io.counterline.protocol.Health;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pad says aloud, when it has a speaker: "谢谢，请慢走" after a rating. Announcements
 * block until played, so they run on a thread of their own named {@code pad-announcer}, one at a
 * time; a failure is reported as the device health part {@code announcer} and never reaches the
 * caller.
 */
public final class PadVoice implements AutoCloseable {
    static final String PART = "announcer";
    private static final Logger log = LoggerFactory.getLogger(PadVoice.class);

    private final Announcer announcer;
    private final Health started;
    private final DeviceHealth health;
    private final ExecutorService thread;

    /**
     * @param started how the announcer started (a config error when a stand-in speaks instead)
     * @param health  where the {@code announcer} part is reported
     */
    public PadVoice(Announcer announcer, Health started, DeviceHealth health) {
        this.announcer = announcer;
        this.started = started;
        this.health = health;
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "pad-announcer"));
        health.report(PART, started);
    }

    /** A pad without a speaker: says nothing. */
    public static PadVoice none() {
        return new PadVoice();
    }

    private PadVoice() {
        this.announcer = null;
        this.started = Health.OK;
        this.health = null;
        this.thread = null;
    }

    /** Says thank you, after whatever is being said; returns at once. */
    public void thanks() {
        say(Phrases.thanks());
    }

    private void say(Announcement announcement) {
        if (thread == null) {
            return;
        }
        try {
            thread.execute(() -> {
                try {
                    announcer.announce(announcement);
                    health.report(PART, started);
                } catch (AnnouncerException | RuntimeException e) {
                    log.warn("could not say \"{}\": {}", announcement.text(), e.getMessage());
                    health.report(PART, started.worst(Health.degraded("speaker: " + e.getMessage())));
                }
            });
        } catch (RejectedExecutionException closed) {
            log.debug("closed: \"{}\" not said", announcement.text());
        }
    }

    /** Lets a started announcement finish (briefly), then closes the announcer. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        announcer.close();
    }
}
