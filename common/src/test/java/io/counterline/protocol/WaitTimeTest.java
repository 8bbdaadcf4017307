package io.counterline.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitTimeTest {

    @Test
    void roundedSeconds_upToWholeMinutesAndAMinuteWhileAnyoneIsAhead() {
        assertThat(WaitTime.roundedSeconds(0, 0)).isZero();
        assertThat(WaitTime.roundedSeconds(90_000, 0)).as("nobody ahead: no wait, whatever the time").isZero();
        assertThat(WaitTime.roundedSeconds(0, 2)).as("2 ahead served in no time still wait").isEqualTo(60);
        assertThat(WaitTime.roundedSeconds(10_000, 2)).isEqualTo(60);
        assertThat(WaitTime.roundedSeconds(60_000, 1)).isEqualTo(60);
        assertThat(WaitTime.roundedSeconds(60_001, 1)).isEqualTo(120);
        assertThat(WaitTime.roundedSeconds(-5, 1)).isEqualTo(60);
        assertThat(WaitTime.roundedSeconds(Long.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE / 60 * 60);
    }

    @Test
    void minutesAndWords_oneRoundingForEveryDevice() {
        assertThat(WaitTime.minutes(0)).isZero();
        assertThat(WaitTime.minutes(1)).isEqualTo(1);
        assertThat(WaitTime.minutes(60)).isEqualTo(1);
        assertThat(WaitTime.minutes(61)).isEqualTo(2);
        assertThat(WaitTime.minutes(Integer.MAX_VALUE)).isEqualTo(35_791_395);
        assertThat(WaitTime.zh(0)).isEqualTo("无需等候");
        assertThat(WaitTime.en(0)).isEqualTo("No wait");
        assertThat(WaitTime.zh(600)).isEqualTo("约 10 分钟");
        assertThat(WaitTime.en(30)).isEqualTo("about 1 min");
    }

    @Test
    void offline_scaledFromThePublishedEstimatePerPerson() {
        assertThat(WaitTime.offline(600, 3, 3)).as("as published").isEqualTo(600);
        assertThat(WaitTime.offline(600, 3, 4)).as("200 s a person × 4").isEqualTo(840);
        assertThat(WaitTime.offline(0, 0, 0)).isZero();
        assertThat(WaitTime.offline(0, 0, 2)).as("nobody waited then, 2 ahead now").isEqualTo(60);
    }
}
