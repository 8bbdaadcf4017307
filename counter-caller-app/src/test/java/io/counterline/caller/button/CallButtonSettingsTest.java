package io.counterline.caller.button;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.gpio.OutputPinSettings;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallButtonSettingsTest {

    @Test
    void from_buttonAndLed_readWithDefaultTiming() {
        CallButtonSettings settings = CallButtonSettings.from(ConfigFactory.parseString("button.pin = 23, led.pin = 24"));

        assertThat(settings).isEqualTo(new CallButtonSettings(InputPinSettings.keyToGround(23),
                Optional.of(OutputPinSettings.ledToGround(24)), KeyTiming.DEFAULT));
    }

    @Test
    void from_noLed_ledEmpty() {
        assertThat(CallButtonSettings.from(ConfigFactory.parseString("button.pin = 23")).led()).isEmpty();
    }

    @Test
    void from_longPressAfter_read() {
        assertThat(CallButtonSettings.from(ConfigFactory.parseString("button.pin = 23, long-press-after = 2s"))
                .timing().longPressAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void from_stuckNotAfterLongPress_namesKey() {
        assertThatThrownBy(() -> CallButtonSettings.from(ConfigFactory.parseString(
                "button.pin = 23, long-press-after = 3s, stuck-after = 2s")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("stuck-after");
    }

    @Test
    void from_ledOnButtonPin_namesBothKeys() {
        assertThatThrownBy(() -> CallButtonSettings.from(ConfigFactory.parseString("button.pin = 23, led.pin = 23")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("led.pin")
                .hasMessageContaining("button.pin");
    }

    @Test
    void from_buttonMissing_namesKey() {
        assertThatThrownBy(() -> CallButtonSettings.from(ConfigFactory.parseString("led.pin = 24")))
                .isInstanceOf(ConfigException.Missing.class)
                .hasMessageContaining("button");
    }
}
