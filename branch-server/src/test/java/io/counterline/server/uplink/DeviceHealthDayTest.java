package io.counterline.server.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.protocol.HealthLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The summary of one device's health changes over a business day. */
class DeviceHealthDayTest {
    private static final LocalDate DAY = LocalDate.parse("2026-12-04");
    /** The business day 2026-12-04 in Shanghai: 2026-12-03T16:00Z to 2026-12-04T16:00Z. */
    private static final Instant START = Instant.parse("2026-12-03T16:00:00Z");
    private static final Instant END = Instant.parse("2026-12-04T16:00:00Z");

    private static DeviceHealthDay.Report at(String time, HealthLevel level) {
        return new DeviceHealthDay.Report(Instant.parse(time), level);
    }

    @Test
    void levelBeforeTheDayAndChanges_timeAtEachLevelAddsUpToTheDay() {
        DeviceHealthDay d = DeviceHealthDay.of("kiosk-1", DAY, START, END,
                Optional.of(at("2026-12-02T09:00:00Z", HealthLevel.OK)),
                List.of(at("2026-12-04T01:00:00Z", HealthLevel.DEGRADED), at("2026-12-04T01:30:00Z", HealthLevel.OFFLINE),
                        at("2026-12-04T02:00:00Z", HealthLevel.OK))).orElseThrow();

        assertThat(d.time().get(HealthLevel.OK)).isEqualTo(Duration.ofHours(9).plus(Duration.ofHours(14)));
        assertThat(d.time().get(HealthLevel.DEGRADED)).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.time().get(HealthLevel.OFFLINE)).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.time().get(HealthLevel.CONFIG_ERROR)).isZero();
        assertThat(d.unknown()).isZero();
        assertThat(d.worst()).isEqualTo(HealthLevel.OFFLINE);
        assertThat(d.changes()).isEqualTo(3);
        assertThat(d.lastAt()).isEqualTo(Instant.parse("2026-12-04T02:00:00Z"));
        assertThat(d.lastLevel()).isEqualTo(HealthLevel.OK);
        assertThat(d.body().path("okSeconds").asLong() + d.body().path("degradedSeconds").asLong()
                + d.body().path("offlineSeconds").asLong()).isEqualTo(24 * 3600);
        assertThat(d.body().path("worst").asText()).isEqualTo("offline");
        assertThat(d.body().path("day").asText()).isEqualTo("2026-12-04");
    }

    @Test
    void deviceFirstSeenDuringTheDay_timeBeforeItsFirstReportUnknown() {
        DeviceHealthDay d = DeviceHealthDay.of("pad-2", DAY, START, END, Optional.empty(),
                List.of(at("2026-12-03T22:00:00Z", HealthLevel.CONFIG_ERROR))).orElseThrow();
        assertThat(d.unknown()).isEqualTo(Duration.ofHours(6));
        assertThat(d.time().get(HealthLevel.CONFIG_ERROR)).isEqualTo(Duration.ofHours(18));
        assertThat(d.worst()).isEqualTo(HealthLevel.CONFIG_ERROR);
    }

    @Test
    void noChangeDuringTheDay_wholeDayAtTheLevelBefore_lastReportIsTheOldOne() {
        DeviceHealthDay d = DeviceHealthDay.of("hall-1", DAY, START, END,
                Optional.of(at("2026-12-01T08:00:00Z", HealthLevel.DEGRADED)), List.of()).orElseThrow();
        assertThat(d.time().get(HealthLevel.DEGRADED)).isEqualTo(Duration.ofHours(24));
        assertThat(d.changes()).isZero();
        assertThat(d.lastAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(d.worst()).isEqualTo(HealthLevel.DEGRADED);
    }

    @Test
    void deviceThatNeverReported_noSummary_reportsOutsideTheDayOrOutOfOrderRefused() {
        assertThat(DeviceHealthDay.of("x", DAY, START, END, Optional.empty(), List.of())).isEmpty();
        assertThatThrownBy(() -> DeviceHealthDay.of("x", DAY, START, END, Optional.empty(),
                List.of(at("2026-12-04T16:00:00Z", HealthLevel.OK)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceHealthDay.of("x", DAY, START, END, Optional.empty(),
                List.of(at("2026-12-04T02:00:00Z", HealthLevel.OK), at("2026-12-04T01:00:00Z", HealthLevel.OK))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
