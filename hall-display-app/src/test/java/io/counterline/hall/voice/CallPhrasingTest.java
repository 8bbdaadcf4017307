package io.counterline.hall.voice;

import static io.counterline.hall.States.T0;
import static io.counterline.hall.States.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.audio.Phrases;
import io.counterline.protocol.CallsState.Call;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallPhrasingTest {
    private final CallPhrasing phrasing = new CallPhrasing(Map.of("vip", "V1", "c5", "50"));

    private static Call to(String counter, String nameZh) {
        return new Call("k1", "t-A012", "A012", counter, nameZh, "Counter", 0, T0);
    }

    @Test
    void apply_counterNamedWithItsNumber_saysTicketAndCounterNumber() {
        assertThat(phrasing.apply(call("k1", "A012", 3, 1))).isEqualTo(Phrases.call("A012", "3"));
        assertThat(phrasing.apply(call("k1", "A012", 3, 1)).text()).isEqualTo("请 A012 号到 3 号窗口");
    }

    @Test
    void counterNumber_twoDigitsOrFullWidth_takesTheFirstRunOfDigits() {
        assertThat(phrasing.counterNumber(to("c12", "12号窗口"))).isEqualTo("12");
        assertThat(phrasing.counterNumber(to("c3", "３号窗口"))).isEqualTo("3");
        assertThat(phrasing.counterNumber(to("c2", "二楼 2号窗口 (3)"))).isEqualTo("2");
    }

    @Test
    void counterNumber_configured_winsOverTheName() {
        assertThat(phrasing.counterNumber(to("vip", "贵宾室"))).isEqualTo("V1");
        assertThat(phrasing.counterNumber(to("c5", "5号窗口"))).isEqualTo("50");
    }

    @Test
    void counterNumber_noDigitsNotConfigured_failsNamingTheSetting() {
        assertThatThrownBy(() -> phrasing.apply(to("lobby", "大堂经理")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counterline.hall.counter-numbers.lobby")
                .hasMessageContaining("大堂经理");
    }
}
