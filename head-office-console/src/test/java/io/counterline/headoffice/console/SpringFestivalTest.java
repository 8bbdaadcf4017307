package io.counterline.headoffice.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpringFestivalTest {
    // The festival: 2025-01-29 and 2026-02-17 (a move of 19 days).
    private final SpringFestival calendar = new SpringFestival(Map.of(2025, LocalDate.of(2025, 1, 29),
            2026, LocalDate.of(2026, 2, 17)));

    @Test
    void february_isComparedWithTheDaysAsFarFromLastYearsFestival() {
        // 2026-02-01 is 16 days before the festival; 16 days before 2025-01-29 is 2025-01-13.
        SpringFestival.Period p = calendar.lastYear(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28));
        assertThat(p.from()).isEqualTo(LocalDate.of(2025, 1, 13));
        assertThat(p.to()).isEqualTo(LocalDate.of(2025, 2, 9));
        assertThat(p.days()).isEqualTo(28);
        assertThat(calendar.lastYear(LocalDate.of(2026, 2, 17))).isEqualTo(LocalDate.of(2025, 1, 29));
    }

    @Test
    void otherMonths_areComparedWithTheSameDates() {
        SpringFestival.Period p = calendar.lastYear(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        assertThat(p.from()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(p.to()).isEqualTo(LocalDate.of(2025, 3, 31));
    }

    @Test
    void aYearMissingFromTheTable_isSaid() {
        assertThatThrownBy(() -> calendar.lastYear(LocalDate.of(2030, 1, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2030");
    }
}
