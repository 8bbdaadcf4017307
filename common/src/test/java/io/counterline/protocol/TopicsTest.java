package io.counterline.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.protocol.Topics.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
    private final Topics topics = Topics.of("b001");

    @Test
    void deviceTopics_validIds_followTheContract() {
        assertThat(topics.events("kiosk-1")).isEqualTo("cl/v1/b001/dev/kiosk-1/evt");
        assertThat(topics.acks("kiosk-1")).isEqualTo("cl/v1/b001/dev/kiosk-1/ack");
        assertThat(topics.requests("kiosk-1")).isEqualTo("cl/v1/b001/dev/kiosk-1/req");
        assertThat(topics.responses("kiosk-1")).isEqualTo("cl/v1/b001/dev/kiosk-1/res");
        assertThat(topics.commands("pad-3")).isEqualTo("cl/v1/b001/dev/pad-3/cmd");
        assertThat(topics.status("pad-3")).isEqualTo("cl/v1/b001/dev/pad-3/status");
        assertThat(topics.counter("c3")).isEqualTo("cl/v1/b001/state/counters/c3");
        assertThat(topics.services()).isEqualTo("cl/v1/b001/state/services");
        assertThat(topics.calls()).isEqualTo("cl/v1/b001/state/calls");
        assertThat(topics.day()).isEqualTo("cl/v1/b001/state/day");
        assertThat(topics.signage()).isEqualTo("cl/v1/b001/state/signage");
        assertThat(topics.allDevices(Channel.EVT)).isEqualTo("cl/v1/b001/dev/+/evt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a+b", "a#", "a/b", "with space", "汉字"})
    void deviceTopic_badId_isRefusedNamingTheField(String bad) {
        assertThatThrownBy(() -> topics.events(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("device id");
    }

    @Test
    void deviceTopic_overLongId_isRefused() {
        assertThatThrownBy(() -> topics.events("x".repeat(Ids.MAX_LENGTH + 1)))
                .hasMessageContaining("longer than " + Ids.MAX_LENGTH);
        assertThat(topics.events("x".repeat(Ids.MAX_LENGTH))).endsWith("/evt");
    }

    @Test
    void branch_badId_isRefused() {
        assertThatThrownBy(() -> Topics.of("b/1")).hasMessageStartingWith("branch id");
    }

    @Test
    void parseDevice_ownBranchTopic_yieldsDeviceAndChannel() {
        assertThat(topics.parseDevice("cl/v1/b001/dev/kiosk-1/evt"))
                .contains(new Topics.DeviceTopic("kiosk-1", Channel.EVT));
        assertThat(topics.parseDevice("cl/v1/b002/dev/kiosk-1/evt")).isEmpty();
        assertThat(topics.parseDevice("cl/v1/b001/dev/kiosk-1/evt/x")).isEmpty();
        assertThat(topics.parseDevice("cl/v1/b001/dev/kiosk-1/nope")).isEmpty();
        assertThat(topics.parseDevice("cl/v1/b001/dev/+/evt")).isEmpty();
    }

    @Test
    void matches_wildcards_followMqtt311() {
        assertThat(Topics.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(Topics.matches("a/+/c", "a/b/d")).isFalse();
        assertThat(Topics.matches("a/#", "a/b/c")).isTrue();
        assertThat(Topics.matches("a/#", "a")).isTrue();
        assertThat(Topics.matches("a/b", "a/b/c")).isFalse();
        assertThat(Topics.matches("a/b/c", "a/b")).isFalse();
    }
}
