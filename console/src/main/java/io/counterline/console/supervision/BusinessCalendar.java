package io.counterline.console.supervision;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Business time: Monday to Friday between {@code start} and {@code end} (branch time), except the
 * calendar table's holidays, plus its make-up working days (调休) on weekends. Deadlines and the
 * escalator's levels are counted in working minutes of this calendar.
 *
 * @param exceptions a day's kind by date: {@code true} = a working day (调休), {@code false} = a holiday
 */
public record BusinessCalendar(ZoneId zone, LocalTime start, LocalTime end, Map<LocalDate, Boolean> exceptions) {
    /** A limit further than this many calendar days is a configuration mistake, not a deadline. */
    private static final int MAX_DAYS = 3660;

    public BusinessCalendar {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the working day must end after it starts (" + start + "-" + end + ")");
        }
        exceptions = Map.copyOf(exceptions);
    }

    public boolean isWorkingDay(LocalDate day) {
        Boolean exception = exceptions.get(day);
        if (exception != null) {
            return exception;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** Minutes in one working day: what "1 working day" of a limit means. */
    public long minutesPerDay() {
        return ChronoUnit.MINUTES.between(start, end);
    }

    /** {@code from} moved forwards by {@code minutes} of working time. */
    public Instant plus(Instant from, long minutes) {
        if (minutes < 0) {
            return minus(from, -minutes);
        }
        ZonedDateTime t = from.atZone(zone);
        long left = minutes;
        for (int i = 0; i <= MAX_DAYS; i++) {
            LocalDate day = t.toLocalDate();
            ZonedDateTime open = day.atTime(start).atZone(zone);
            ZonedDateTime close = day.atTime(end).atZone(zone);
            if (isWorkingDay(day) && t.isBefore(close)) {
                ZonedDateTime s = t.isBefore(open) ? open : t;
                long available = ChronoUnit.MINUTES.between(s, close);
                if (left <= available) {
                    return s.plusMinutes(left).toInstant();
                }
                left -= available;
            }
            t = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalArgumentException("no " + minutes + " working minutes within " + MAX_DAYS + " days");
    }

    /** {@code from} moved backwards by {@code minutes} of working time. */
    public Instant minus(Instant from, long minutes) {
        ZonedDateTime t = from.atZone(zone);
        long left = minutes;
        for (int i = 0; i <= MAX_DAYS; i++) {
            LocalDate day = t.toLocalDate();
            ZonedDateTime open = day.atTime(start).atZone(zone);
            ZonedDateTime close = day.atTime(end).atZone(zone);
            if (isWorkingDay(day) && t.isAfter(open)) {
                ZonedDateTime e = t.isAfter(close) ? close : t;
                long available = ChronoUnit.MINUTES.between(open, e);
                if (left <= available) {
                    return e.minusMinutes(left).toInstant();
                }
                left -= available;
            }
            t = day.atStartOfDay(zone).minusNanos(1);
        }
        throw new IllegalArgumentException("no " + minutes + " working minutes within " + MAX_DAYS + " days");
    }

    /**
     * A limit as written in the settings: {@code 30m}, {@code 4h} or {@code 2d} (working days of
     * {@link #minutesPerDay()}), in working minutes.
     *
     * @throws IllegalArgumentException saying the form
     */
    public long minutes(String limit) {
        String t = limit == null ? "" : limit.trim();
        if (!t.matches("[0-9]{1,4}[mhd]")) {
            throw new IllegalArgumentException("a limit looks like 30m, 4h or 2d (working time), was '" + limit + "'");
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 'm' -> n;
            case 'h' -> n * 60;
            default -> n * minutesPerDay();
        };
    }
}
