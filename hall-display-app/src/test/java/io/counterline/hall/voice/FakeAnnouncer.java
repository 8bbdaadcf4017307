package io.counterline.hall.voice;

import io.counterline.audio.Announcement;
import io.counterline.audio.Announcer;
import io.counterline.audio.AnnouncerException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An {@link Announcer} that records what it played and, once {@link #hold()} is called, blocks
 * each announcement until the test {@link #release()}s it, as a real speaker blocks while playing.
 * It records starts and ends separately so a test can see whether one announcement overlapped or
 * cut into another, and whether the player was interrupted.
 */
public final class FakeAnnouncer implements Announcer {
    private final List<String> events = new ArrayList<>();
    private final List<Announcement> played = new ArrayList<>();
    private final Set<String> failing = new HashSet<>();
    private final Semaphore gate = new Semaphore(0);
    private volatile boolean holding;
    private volatile boolean interrupted;

    @Override
    public void announce(Announcement announcement) throws AnnouncerException {
        record("start " + announcement.text());
        if (failing.contains(announcement.text())) {
            record("fail " + announcement.text());
            throw new AnnouncerException("speaker unplugged");
        }
        if (holding) {
            try {
                if (!gate.tryAcquire(10, TimeUnit.SECONDS)) {
                    throw new AnnouncerException("test never released " + announcement.text());
                }
            } catch (InterruptedException e) {
                interrupted = true;
                Thread.currentThread().interrupt();
                throw new AnnouncerException("interrupted while playing " + announcement.text(), e);
            }
        }
        synchronized (this) {
            played.add(announcement);
        }
        record("end " + announcement.text());
    }

    /** From now on each announcement plays until released. */
    public void hold() {
        holding = true;
    }

    /** Lets one held announcement finish. */
    public void release() {
        gate.release();
    }

    /** Lets every announcement play through from now on. */
    public void releaseAll() {
        holding = false;
        gate.release(1000);
    }

    public void failOn(String text) {
        failing.add(text);
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    public synchronized List<Announcement> played() {
        return List.copyOf(played);
    }

    public synchronized List<String> playedTexts() {
        return played.stream().map(Announcement::text).toList();
    }

    public boolean wasInterrupted() {
        return interrupted;
    }

    private synchronized void record(String event) {
        events.add(event);
    }
}
