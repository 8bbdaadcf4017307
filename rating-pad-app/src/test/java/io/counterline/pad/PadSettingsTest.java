package io.counterline.pad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.counterline.audio.AnnouncerSettings;
import io.counterline.device.DeviceSettings;
import io.counterline.gpio.GpioProvider;
import io.counterline.pad.keys.PadKeysSettings;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.RatingLevel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PadSettingsTest {
    private static Config example() {
        return ConfigFactory.parseResources("rating-pad-example.conf").resolve();
    }

    private static PadSettings pad(String hocon) {
        return PadSettings.from(ConfigFactory.parseString(hocon));
    }

    @Test
    void from_exampleFile_simulatedKeysSpeakerAndScreenAtCounterC1() {
        PadSettings s = PadSettings.from(example().getConfig("rating-pad"));
        DeviceSettings device = DeviceSettings.from(example(), DeviceRole.RATING_PAD);

        assertThat(device.id()).isEqualTo("pad-1");
        assertThat(device.bus().uri()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(s.counter()).isEqualTo("c1");
        assertThat(s.keys().type()).isEqualTo(PadKeysSettings.Type.SIMULATED);
        assertThat(s.announcer()).map(AnnouncerSettings::type).contains(AnnouncerSettings.Type.SIMULATED);
        assertThat(s.screen().enabled()).isTrue();
        assertThat(s.screen().photoFolder()).contains(Path.of("/var/lib/counterline/pad-1/photos"));
    }

    @Test
    void from_exampleWithGpioKeys_pinsReadAndThanksForTakenFromThePad() {
        Config gpio = ConfigFactory.parseString("rating-pad.keys.type = gpio, rating-pad.thanks-for = 2s")
                .withFallback(example());

        PadSettings s = PadSettings.from(gpio.getConfig("rating-pad"));

        assertThat(s.keys().provider()).contains(GpioProvider.GPIOD);
        assertThat(s.keys().gpio().orElseThrow().keys().get(RatingLevel.SATISFIED).bcm()).isEqualTo(6);
        assertThat(s.keys().gpio().orElseThrow().thanksFor()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void from_minimal_headlessWithoutSpeaker() {
        PadSettings s = pad("counter = c3, keys.type = simulated");

        assertThat(s.announcer()).isEmpty();
        assertThat(s.screen().enabled()).isFalse();
        assertThat(s.thanksFor()).isEqualTo(PadSettings.DEFAULT_THANKS_FOR);
    }

    @Test
    void from_missingCounter_failsNamingTheKey() {
        assertThatThrownBy(() -> pad("keys.type = simulated")).isInstanceOf(ConfigException.Missing.class)
                .hasMessageContaining("counter");
    }

    @Test
    void from_badCounterId_failsNamingTheKey() {
        assertThatThrownBy(() -> pad("counter = \"c/1\", keys.type = simulated"))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("counter");
    }

    @Test
    void from_unknownKeysType_failsNamingTheKey() {
        assertThatThrownBy(() -> pad("counter = c1, keys.type = usb")).isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("keys.type").hasMessageContaining("gpio or simulated");
    }

    @Test
    void from_gpioKeysWithoutGpioBlock_failsNamingTheBlock() {
        assertThatThrownBy(() -> pad("counter = c1, keys.type = gpio")).isInstanceOf(ConfigException.Missing.class)
                .hasMessageContaining("keys.gpio");
    }

    @Test
    void from_zeroThanksFor_failsNamingTheKey() {
        assertThatThrownBy(() -> pad("counter = c1, thanks-for = 0s, keys.type = simulated"))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("thanks-for");
    }

    @Test
    void from_screenTooNarrow_failsNamingTheKey() {
        assertThatThrownBy(() -> pad("counter = c1, keys.type = simulated, screen.width = 10"))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("screen.width");
    }
}
