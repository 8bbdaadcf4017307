package io.counterline.hall.signage;

import io.counterline.protocol.SignageSchedule;
import io.counterline.protocol.SignageSchedule.Playlist;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * Which playlist a hall display shows at a moment: among the playlists aimed at it (no targets,
 * or its id among them) whose date range, weekdays and time window hold, the highest priority;
 * on a tie the first in the schedule. Pure, so the display decides alone while the server is away.
 */
public final class SchedulePlan {
    private SchedulePlan() {
    }

    public static Optional<Playlist> choose(SignageSchedule schedule, String device, ZonedDateTime at) {
        Playlist best = null;
        for (Playlist p : schedule.playlists()) {
            if (applies(p, device, at) && (best == null || p.priority() > best.priority())) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    static boolean applies(Playlist p, String device, ZonedDateTime at) {
        if (!p.targets().isEmpty() && !p.targets().contains(device)) {
            return false;
        }
        LocalDate day = at.toLocalDate();
        if (p.from() != null && day.isBefore(LocalDate.parse(p.from()))) {
            return false;
        }
        if (p.to() != null && day.isAfter(LocalDate.parse(p.to()))) {
            return false;
        }
        String weekday = at.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
        if (!p.weekdays().isEmpty() && !p.weekdays().contains(weekday)) {
            return false;
        }
        LocalTime time = at.toLocalTime();
        if (p.start() != null && time.isBefore(LocalTime.parse(p.start()))) {
            return false;
        }
        return p.end() == null || time.isBefore(LocalTime.parse(p.end()));
    }
}
