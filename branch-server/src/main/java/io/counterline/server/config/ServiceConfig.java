package io.counterline.server.config;

import java.time.LocalTime;

/**
 * A business category customers choose at the kiosk.
 *
 * @param first  lowest number of a day (usually 1)
 * @param last   highest number of a day; after it the service issues no more that day
 * @param opens  first time of day a ticket may be taken (branch time zone)
 * @param closes time of day from which no ticket is issued
 */
public record ServiceConfig(String id, String prefix, String nameZh, String nameEn, int first, int last,
                            LocalTime opens, LocalTime closes) {

    /** "09:00-17:00", as slips and kiosks show it. */
    public String hours() {
        return opens + "-" + (closes.equals(LocalTime.MAX) ? "24:00" : closes.toString());
    }

    public boolean isOpenAt(LocalTime t) {
        return !t.isBefore(opens) && t.isBefore(closes);
    }

    /** The printed number, e.g. prefix A and 12 → "A012". */
    public String number(int n) {
        return prefix + String.format("%03d", n);
    }
}
