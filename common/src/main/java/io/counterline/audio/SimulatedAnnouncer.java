package io.counterline.audio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says nothing: logs each announcement ("announce: 请 A012 号到 3 号窗口") and keeps it, for the
 * demo and for machines without a speaker. Safe to read from any thread.
 */
public final class SimulatedAnnouncer implements Announcer {
    private static final Logger log = LoggerFactory.getLogger(SimulatedAnnouncer.class);

    private final List<Announcement> announced = new CopyOnWriteArrayList<>();

    @Override
    public void announce(Announcement announcement) {
        log.info("announce: {}", announcement.text());
        announced.add(announcement);
    }

    /** Everything announced so far, oldest first. */
    public List<Announcement> announcements() {
        return List.copyOf(announced);
    }
}
