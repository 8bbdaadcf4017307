package io.counterline.console.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FRIDAY = LocalDate.of(2026, 12, 11);
    private static final LocalDate SATURDAY = FRIDAY.plusDays(1);
    private static final LocalDate MONDAY = FRIDAY.plusDays(3);

    private static BusinessCalendar calendar(Map<LocalDate, Boolean> exceptions) {
        return new BusinessCalendar(ZONE, LocalTime.of(9, 0), LocalTime.of(17, 0), exceptions);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
    }

    @Test
    void plainWeek_skipsTheWeekend() {
        BusinessCalendar c = calendar(Map.of());
        // Friday 15:00 + 4h: 2h on Friday, 2h on Monday.
        assertThat(c.plus(at(FRIDAY, 15, 0), 240)).isEqualTo(at(MONDAY, 11, 0));
        assertThat(c.plus(at(FRIDAY, 15, 0), c.minutes("2d"))).isEqualTo(at(MONDAY.plusDays(1), 15, 0));
    }

    @Test
    void makeUpWorkingDay_countsAndHoliday_doesNot() {
        BusinessCalendar c = calendar(Map.of(SATURDAY, true, MONDAY, false));
        assertThat(c.isWorkingDay(SATURDAY)).isTrue();
        assertThat(c.isWorkingDay(MONDAY)).isFalse();
        // Friday 15:00 + 4h: 2h on Friday, 2h on the make-up Saturday.
        assertThat(c.plus(at(FRIDAY, 15, 0), 240)).isEqualTo(at(SATURDAY, 11, 0));
        // + 2 working days: Fri 2h, Sat 8h, (Sun off, Mon holiday) Tue 6h.
        assertThat(c.plus(at(FRIDAY, 15, 0), c.minutes("2d"))).isEqualTo(at(MONDAY.plusDays(1), 15, 0));
    }

    @Test
    void startOutsideHours_startsAtTheNextOpening() {
        BusinessCalendar c = calendar(Map.of());
        assertThat(c.plus(at(FRIDAY, 20, 0), 30)).isEqualTo(at(MONDAY, 9, 30));
        assertThat(c.plus(at(FRIDAY, 7, 0), 30)).isEqualTo(at(FRIDAY, 9, 30));
        assertThat(c.plus(at(FRIDAY, 15, 0), 120)).as("exactly to the close").isEqualTo(at(FRIDAY, 17, 0));
    }

    @Test
    void minus_goesBackOverTheWeekendAndAMakeUpDay() {
        assertThat(calendar(Map.of()).minus(at(MONDAY, 9, 30), 120)).isEqualTo(at(FRIDAY, 15, 30));
        assertThat(calendar(Map.of(SATURDAY, true)).minus(at(MONDAY, 9, 30), 120)).isEqualTo(at(SATURDAY, 15, 30));
    }

    @Test
    void badLimitsAndHours_areRefusedClearly() {
        BusinessCalendar c = calendar(Map.of());
        assertThatThrownBy(() -> c.minutes("2 weeks")).hasMessageContaining("30m, 4h or 2d");
        assertThatThrownBy(() -> c.minutes(null)).hasMessageContaining("30m, 4h or 2d");
        assertThatThrownBy(() -> new BusinessCalendar(ZONE, LocalTime.of(17, 0), LocalTime.of(9, 0), Map.of()))
                .hasMessageContaining("must end after it starts");
    }

    @Test
    void aCalendarWithNoWorkingDay_failsInsteadOfLoopingForever() {
        Map<LocalDate, Boolean> allOff = new java.util.HashMap<>();
        for (int i = 0; i < 4000; i++) {
            allOff.put(FRIDAY.plusDays(i), false);
        }
        assertThatThrownBy(() -> calendar(allOff).plus(at(FRIDAY, 10, 0), 60)).hasMessageContaining("no 60 working minutes");
    }
}
