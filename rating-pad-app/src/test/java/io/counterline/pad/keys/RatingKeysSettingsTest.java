package io.counterline.pad.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.protocol.RatingLevel;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.counterline.gpio.ActiveLevel;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.gpio.OutputPinSettings;
import io.counterline.gpio.Pull;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RatingKeysSettingsTest {
    private static final String DEFAULT_WIRING = """
            keys { very-satisfied { pin = 5 }, satisfied { pin = 6 }, average { pin = 13 }, dissatisfied { pin = 19 } }
            leds { very-satisfied { pin = 12 }, satisfied { pin = 16 }, average { pin = 20 }, dissatisfied { pin = 21 } }
            """;

    private static Config config(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.parseString(DEFAULT_WIRING)).resolve();
    }

    @Test
    void from_defaultWiring_readsPinsAndDefaults() {
        RatingKeysSettings settings = RatingKeysSettings.from(config(""));

        assertThat(settings).isEqualTo(new RatingKeysSettings(GpioRatingKeysTest.SETTINGS.keys(),
                GpioRatingKeysTest.SETTINGS.leds(), KeyTiming.DEFAULT, Duration.ofSeconds(3)));
    }

    @Test
    void from_overrides_read() {
        RatingKeysSettings settings = RatingKeysSettings.from(config("""
                keys.average { pull = off, active = high }
                leds.average.active = low
                debounce = 20ms
                stuck-after = 8s
                thanks-for = 2s
                """));

        assertThat(settings.keys().get(RatingLevel.AVERAGE)).isEqualTo(new InputPinSettings(13, Pull.OFF, ActiveLevel.HIGH));
        assertThat(settings.leds().get(RatingLevel.AVERAGE)).isEqualTo(new OutputPinSettings(20, ActiveLevel.LOW));
        assertThat(settings.timing().debounce()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.timing().stuckAfter()).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.thanksFor()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void from_keyMissing_namesIt() {
        Config missing = ConfigFactory.parseString(DEFAULT_WIRING).withoutPath("keys.average");

        assertThatThrownBy(() -> RatingKeysSettings.from(missing))
                .isInstanceOf(ConfigException.Missing.class)
                .hasMessageContaining("keys.average");
    }

    @Test
    void from_ledOnAKeysPin_namesBothKeys() {
        assertThatThrownBy(() -> RatingKeysSettings.from(config("leds.average.pin = 6")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("leds.average.pin")
                .hasMessageContaining("keys.satisfied.pin");
    }

    @Test
    void from_pinOutOfRange_namesFullKey() {
        assertThatThrownBy(() -> RatingKeysSettings.from(config("keys.dissatisfied.pin = 40")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("keys.dissatisfied.pin");
    }

    @Test
    void ratingLevel_wireNames_roundTrip() {
        assertThat(RatingLevel.values()).extracting(RatingLevel::wire)
                .containsExactly("very-satisfied", "satisfied", "average", "dissatisfied");
        assertThat(RatingLevel.values()).extracting(RatingLevel::label)
                .containsExactly("非常满意", "满意", "一般", "不满意");
        assertThat(RatingLevel.of("average")).isEqualTo(RatingLevel.AVERAGE);
    }
}
