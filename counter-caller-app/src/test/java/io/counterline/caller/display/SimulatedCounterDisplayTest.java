package io.counterline.caller.display;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Health;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SimulatedCounterDisplayTest {

    @Test
    void show_eachKind_keepsTextAndTellsTheListenerInOrder() {
        SimulatedCounterDisplay display = new SimulatedCounterDisplay();
        List<String> heard = new CopyOnWriteArrayList<>();
        display.onChange(heard::add);

        display.showCall("A012", "3");
        display.showPaused();
        display.showIdle("欢迎光临");

        assertThat(heard).containsExactly("请 A012 号", "暂停服务", "欢迎光临");
        assertThat(display.text()).isEqualTo("欢迎光临");
        assertThat(display.health()).isEqualTo(Health.OK);
    }

    @Test
    void new_standingInForABrokenDriver_reportsItsHealth() {
        Health broken = Health.configError("display.max7219: cannot open");

        assertThat(new SimulatedCounterDisplay(broken).health()).isEqualTo(broken);
    }
}
