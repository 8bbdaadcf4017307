package io.counterline.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnouncersTest {
    @TempDir
    Path dir;

    private final FakeAudioSink sink = new FakeAudioSink();

    @Test
    void open_espeakNotInstalled_simulatedWithConfigError() {
        Announcers.Opened opened = open("type = espeak\nespeak.command = \"" + dir.resolve("espeak-ng") + "\"");

        assertThat(opened.announcer()).isInstanceOf(SimulatedAnnouncer.class);
        assertThat(opened.health().level()).isEqualTo(HealthLevel.CONFIG_ERROR);
        assertThat(opened.health().reason()).contains("announcer.espeak.command").contains("apt install espeak-ng");
    }

    @Test
    void open_wavFolderMissing_simulatedWithConfigError() {
        Announcers.Opened opened = open("type = wav\nwav.folder = \"" + dir.resolve("voice") + "\"");

        assertThat(opened.announcer()).isInstanceOf(SimulatedAnnouncer.class);
        assertThat(opened.health().level()).isEqualTo(HealthLevel.CONFIG_ERROR);
        assertThat(opened.health().reason()).contains("announcer.wav.folder").contains("voice");
    }

    @Test
    void open_wavFolder_clipsWithDefaultChime() throws Exception {
        TestWavs.write(dir.resolve("chime.wav"), TestWavs.MONO_8K, 10, 4);
        TestWavs.write(dir.resolve("nin-hao.wav"), TestWavs.MONO_8K, 10, 6);
        Announcers.Opened opened = open("type = wav\nwav.folder = \"" + dir + "\"");

        opened.announcer().announce(new Announcement("您好", List.of("nin-hao"), true));

        assertThat(opened.health()).isEqualTo(Health.OK);
        assertThat(sink.played()).singleElement().satisfies(p -> assertThat(p.bytes()).startsWith(4).endsWith(6));
    }

    @Test
    void open_simulated_recordsAnnouncements() throws Exception {
        Announcers.Opened opened = open("type = simulated");

        opened.announcer().announce(Phrases.call("A012", "3"));

        assertThat(((SimulatedAnnouncer) opened.announcer()).announcements()).containsExactly(Phrases.call("A012", "3"));
        assertThat(sink.played()).isEmpty();
    }

    private Announcers.Opened open(String config) {
        return Announcers.open(AnnouncerSettings.from(ConfigFactory.parseString(config)), sink);
    }
}
