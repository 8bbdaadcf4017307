package io.counterline.headoffice.console;

import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * The comparable period last year. January and February move with the Spring Festival (the lunar
 * new year, table {@code spring_festival}): a day there is compared with the day the same number
 * of days from last year's festival, so the festival week meets the festival week. Every other
 * day is compared with the same date last year. A period keeps its length.
 */
public final class SpringFestival {
    private final Map<Integer, LocalDate> newYear;

    public SpringFestival(Map<Integer, LocalDate> newYear) {
        this.newYear = new TreeMap<>(newYear);
    }

    public record Period(LocalDate from, LocalDate to) {
        public long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }

        @Override
        public String toString() {
            return from + " – " + to;
        }
    }

    /**
     * @throws IllegalArgumentException when the table lacks a year the period needs
     */
    public Period lastYear(LocalDate from, LocalDate to) {
        LocalDate a = lastYear(from);
        return new Period(a, a.plusDays(ChronoUnit.DAYS.between(from, to)));
    }

    /** The comparable day last year of {@code day}. */
    public LocalDate lastYear(LocalDate day) {
        if (day.getMonth() == Month.JANUARY || day.getMonth() == Month.FEBRUARY) {
            LocalDate festival = festival(day.getYear());
            LocalDate previous = festival(day.getYear() - 1);
            return previous.plusDays(ChronoUnit.DAYS.between(festival, day));
        }
        return day.minusYears(1);
    }

    private LocalDate festival(int year) {
        LocalDate d = newYear.get(year);
        if (d == null) {
            throw new IllegalArgumentException("the Spring Festival table has no date for " + year
                    + " (table spring_festival)");
        }
        return d;
    }
}
