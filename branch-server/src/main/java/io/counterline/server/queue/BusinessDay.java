package io.counterline.server.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The branch's business day: the local date in the branch time zone, shifted so that a new day
 * begins at the rollover hour, not at midnight. It only ever moves forward: a clock that jumps
 * back never reopens a closed day.
 */
final class BusinessDay {
    private final ZoneId zone;
    private final int rolloverHour;
    private LocalDate current;  // engine thread only

    BusinessDay(ZoneId zone, int rolloverHour, LocalDate current) {
        this.zone = zone;
        this.rolloverHour = rolloverHour;
        this.current = current;
    }

    static LocalDate dayOf(Instant at, ZoneId zone, int rolloverHour) {
        return at.atZone(zone).minusHours(rolloverHour).toLocalDate();
    }

    /** Sets the day as the store last saved it ({@code null}: never started). */
    void reset(LocalDate saved) {
        current = saved;
    }

    /** The day for {@code now}; advances (never retreats) and says whether it did. */
    boolean advanceTo(Instant now) {
        LocalDate d = dayOf(now, zone, rolloverHour);
        if (current == null || d.isAfter(current)) {
            current = d;
            return true;
        }
        return false;
    }

    LocalDate current() {
        return current;
    }

    String text() {
        return current.toString();
    }
}
