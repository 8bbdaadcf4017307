package io.counterline.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.counterline.audio.AnnouncerSettings;
import io.counterline.caller.display.CounterDisplaySettings;
import io.counterline.device.DeviceSettings;
import io.counterline.gpio.GpioProvider;
import io.counterline.protocol.DeviceRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallerSettingsTest {
    private static CallerSettings caller(String hocon) {
        return CallerSettings.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve()
                .getConfig("counter-caller"));
    }

    @Test
    void from_exampleConfig_simulatedHardwareForCounterOne() {
        Config example = ConfigFactory.parseResources("counter-caller-example.conf")
                .withFallback(ConfigFactory.defaultReference()).resolve();

        CallerSettings s = CallerSettings.from(example.getConfig("counter-caller"));
        DeviceSettings device = DeviceSettings.from(example, DeviceRole.COUNTER_CALLER);

        assertThat(device.id()).isEqualTo("caller-1");
        assertThat(s.counter()).isEqualTo("c1");
        assertThat(s.counterNumber()).isEqualTo("1");
        assertThat(s.pauseReasons()).containsExactly("午休", "会议", "系统维护");
        assertThat(s.callButton()).isEmpty();
        assertThat(s.display().type()).isEqualTo(CounterDisplaySettings.Type.SIMULATED);
        assertThat(s.announcer().type()).isEqualTo(AnnouncerSettings.Type.SIMULATED);
        assertThat(s.screen()).isEqualTo(new CallerSettings.Screen(false, 800, 480));
    }

    @Test
    void from_gpioButton_readsProviderAndPins() {
        CallerSettings s = caller("""
                counter-caller { counter = c3, counter-number = "3", services = [A, B], call-button = gpio
                                 gpio { provider = mock, button.pin = 23, led.pin = 24 } }
                """);

        assertThat(s.services()).isEqualTo(List.of("A", "B"));
        assertThat(s.callButton().orElseThrow().provider()).isEqualTo(GpioProvider.MOCK);
        assertThat(s.callButton().orElseThrow().button().button().bcm()).isEqualTo(23);
    }

    @Test
    void from_badValues_failNamingTheKey() {
        assertThatThrownBy(() -> caller("counter-caller { counter = c3 }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("counter-number");
        assertThatThrownBy(() -> caller("counter-caller { counter = \"c/3\", counter-number = \"3\" }"))
                .hasMessageContaining("counter-caller.counter");
        assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"三\" }"))
                .hasMessageContaining("counter-caller.counter-number");
        assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"3\", pause-reasons = [] }"))
                .hasMessageContaining("counter-caller.pause-reasons");
        assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"3\", call-button = gpio }"))
                .hasMessageContaining("counter-caller.gpio");
        assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"3\", call-button = usb }"))
                .hasMessageContaining("counter-caller.call-button");
        assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"3\", screen.width = 10 }"))
                .hasMessageContaining("counter-caller.screen.width");
    }
}
