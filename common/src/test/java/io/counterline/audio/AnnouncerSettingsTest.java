package io.counterline.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnnouncerSettingsTest {

    @Test
    void from_empty_simulatedWithDefaults() {
        AnnouncerSettings s = AnnouncerSettings.from(ConfigFactory.empty());

        assertThat(s.type()).isEqualTo(AnnouncerSettings.Type.SIMULATED);
        assertThat(s.espeak()).isEqualTo(new AnnouncerSettings.Espeak("espeak-ng", "cmn", 150, Duration.ofSeconds(10)));
        assertThat(s.wavFolder()).isEmpty();
        assertThat(s.chime()).isEmpty();
        assertThat(s.volume()).isEqualTo(100);
    }

    @Test
    void from_everyKey_read() {
        AnnouncerSettings s = AnnouncerSettings.from(ConfigFactory.parseString("""
                type = WAV
                espeak { command = /opt/espeak-ng, voice = yue, speed = 120, timeout = 3s }
                wav.folder = /srv/voice
                chime = /srv/voice/ding.wav
                volume = 60
                """));

        assertThat(s).isEqualTo(new AnnouncerSettings(AnnouncerSettings.Type.WAV,
                new AnnouncerSettings.Espeak("/opt/espeak-ng", "yue", 120, Duration.ofSeconds(3)),
                Optional.of(Path.of("/srv/voice")), Optional.of(Path.of("/srv/voice/ding.wav")), 60));
    }

    @Test
    void from_unknownType_namesKeyAndChoices() {
        assertThatThrownBy(() -> AnnouncerSettings.from(ConfigFactory.parseString("type = festival")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("type")
                .hasMessageContaining("espeak, wav or simulated");
    }

    @Test
    void from_wavWithoutFolder_namesKey() {
        assertThatThrownBy(() -> AnnouncerSettings.from(ConfigFactory.parseString("type = wav")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("wav.folder");
    }

    @Test
    void from_speedOutOfRange_namesKeyAndRange() {
        assertThatThrownBy(() -> AnnouncerSettings.from(ConfigFactory.parseString("espeak.speed = 1000")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("espeak.speed")
                .hasMessageContaining("80 to 450");
    }
}
