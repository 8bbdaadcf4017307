package io.counterline.kiosk.buttons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.counterline.gpio.ActiveLevel;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.gpio.Pull;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceButtonsSettingsTest {

    @Test
    void from_list_readInOrder() {
        ServiceButtonsSettings settings = ServiceButtonsSettings.from(ConfigFactory.parseString("""
                buttons = [
                  { service = "A", pin = 17 }
                  { service = "B", pin = 27, pull = down, active = high }
                ]
                """));

        assertThat(settings).isEqualTo(new ServiceButtonsSettings(List.of(
                new ServiceButtonsSettings.Button("A", InputPinSettings.keyToGround(17)),
                new ServiceButtonsSettings.Button("B", new InputPinSettings(27, Pull.DOWN, ActiveLevel.HIGH))),
                KeyTiming.DEFAULT));
    }

    @Test
    void from_emptyList_touchscreenOnly() {
        assertThat(ServiceButtonsSettings.from(ConfigFactory.parseString("buttons = []")).buttons()).isEmpty();
    }

    @Test
    void from_samePinTwice_namesBothEntries() {
        assertThatThrownBy(() -> ServiceButtonsSettings.from(ConfigFactory.parseString(
                "buttons = [ { service = A, pin = 17 }, { service = B, pin = 17 } ]")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("buttons[1].pin")
                .hasMessageContaining("buttons[0].pin");
    }

    @Test
    void from_sameServiceTwice_namesEntry() {
        assertThatThrownBy(() -> ServiceButtonsSettings.from(ConfigFactory.parseString(
                "buttons = [ { service = A, pin = 17 }, { service = A, pin = 27 } ]")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("buttons[1].service");
    }

    @Test
    void from_pinOutOfRange_namesEntry() {
        assertThatThrownBy(() -> ServiceButtonsSettings.from(ConfigFactory.parseString(
                "buttons = [ { service = A, pin = 30 } ]")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("buttons[0].pin");
    }
}
