package io.counterline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BranchDirectoryTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneId.of("UTC"));
    }

    @Test
    void today_isTheQueuesBusinessDay_notTheCalendarDate() {
        BranchDirectory branch = new BranchDirectory("b001", "测试支行", SHANGHAI, List.of(), List.of(), List.of(), 3);
        // 2026-12-06 00:14 in Shanghai: the queue still serves the 5th until 03:00
        assertThat(branch.today(at("2026-12-05T16:14:00Z"))).isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(branch.today(at("2026-12-05T19:00:00Z"))).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(branch.withTellers(List.of()).today(at("2026-12-05T16:14:00Z")))
                .as("kept through a change of names").isEqualTo(LocalDate.of(2026, 12, 5));
    }

    @Test
    void withoutARolloverHour_theDayBeginsAtMidnight_andABadHourIsRefused() {
        BranchDirectory branch = new BranchDirectory("b001", "测试支行", SHANGHAI, List.of(), List.of(), List.of());
        assertThat(branch.today(at("2026-12-05T16:14:00Z"))).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThatThrownBy(() -> new BranchDirectory("b001", "x", SHANGHAI, List.of(), List.of(), List.of(), 24))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
