package io.counterline.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PinSettingsTest {

    private static Config config(String hocon) {
        return ConfigFactory.parseString(hocon);
    }

    @Test
    void inputFrom_onlyPin_keyToGroundDefaults() {
        assertThat(InputPinSettings.from(config("pin = 17"), "button"))
                .isEqualTo(new InputPinSettings(17, Pull.UP, ActiveLevel.LOW));
    }

    @Test
    void inputFrom_allKeys_read() {
        assertThat(InputPinSettings.from(config("pin = 4, pull = off, active = high"), "button"))
                .isEqualTo(new InputPinSettings(4, Pull.OFF, ActiveLevel.HIGH));
    }

    @Test
    void inputFrom_pinOutOfRange_namesFullKey() {
        assertThatThrownBy(() -> InputPinSettings.from(config("pin = 28"), "keys.satisfied"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("keys.satisfied.pin")
                .hasMessageContaining("0..27");
    }

    @Test
    void inputFrom_badPull_namesFullKeyAndChoices() {
        assertThatThrownBy(() -> InputPinSettings.from(config("pin = 5, pull = strong"), "keys.average"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("keys.average.pull")
                .hasMessageContaining("up, down, off");
    }

    @Test
    void outputFrom_onlyPin_activeHigh() {
        assertThat(OutputPinSettings.from(config("pin = 12"), "led"))
                .isEqualTo(new OutputPinSettings(12, ActiveLevel.HIGH));
    }

    @Test
    void outputFrom_badActive_namesFullKey() {
        assertThatThrownBy(() -> OutputPinSettings.from(config("pin = 12, active = on"), "leds.average"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("leds.average.active");
    }

    @Test
    void pinClaims_samePinTwice_namesBothKeys() {
        PinClaims claims = new PinClaims();
        claims.claim(ConfigFactory.empty(), "keys.satisfied.pin", 6);

        assertThatThrownBy(() -> claims.claim(ConfigFactory.empty(), "leds.average.pin", 6))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("leds.average.pin")
                .hasMessageContaining("BCM 6 is already used by keys.satisfied.pin");
    }

    @Test
    void timingFrom_empty_defaults() {
        assertThat(KeyTiming.from(ConfigFactory.empty())).isEqualTo(new KeyTiming(
                Duration.ofMillis(30), Duration.ofMillis(1500), Duration.ofSeconds(5)));
    }

    @Test
    void timingFrom_values_read() {
        assertThat(KeyTiming.from(config("debounce = 20ms, long-press-after = 2s, stuck-after = 10s")))
                .isEqualTo(new KeyTiming(Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    @Test
    void timingFrom_stuckNotAfterDebounce_namesKey() {
        assertThatThrownBy(() -> KeyTiming.from(config("debounce = 50ms, stuck-after = 40ms")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("stuck-after");
    }

    @Test
    void timingFrom_notADuration_namesKey() {
        assertThatThrownBy(() -> KeyTiming.from(config("debounce = soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("debounce");
    }
}
