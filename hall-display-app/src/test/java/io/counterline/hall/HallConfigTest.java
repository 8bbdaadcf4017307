package io.counterline.hall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.audio.AnnouncerSettings;
import io.counterline.config.BadConfig;
import io.counterline.device.boot.DeviceMain;
import io.counterline.protocol.DeviceRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HallConfigTest {
    @TempDir
    Path dir;

    /** The shipped example with {@code extra} appended (later keys win in HOCON). */
    private Path example(String extra) throws IOException {
        Path file = dir.resolve("hall-1.conf");
        try (InputStream in = HallConfigTest.class.getResourceAsStream("/hall-display-example.conf")) {
            Files.writeString(file, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) + "\n" + extra);
        }
        return file;
    }

    @Test
    void load_shippedExample_hall1OfB001OnLocalBrokerWithSimulatedAnnouncer() throws IOException {
        HallConfig config = HallConfig.load(example(""));

        assertThat(config.device().id()).isEqualTo("hall-1");
        assertThat(config.device().role()).isEqualTo(DeviceRole.HALL_DISPLAY);
        assertThat(config.device().branch()).isEqualTo("b001");
        assertThat(config.device().bus().uri()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(new String(config.device().bus().secret())).isEqualTo("hall-1-secret-0001");
        assertThat(config.announcer().type()).isEqualTo(AnnouncerSettings.Type.SIMULATED);
        assertThat(config.hall().fullScreen()).isFalse();
        assertThat(config.hall().previousCalls()).isEqualTo(8);
        assertThat(config.hall().counterNumbers()).isEmpty();
    }

    @Test
    void load_espeakAnnouncer_taken() throws IOException {
        HallConfig config = HallConfig.load(example("announcer { type = espeak, espeak.speed = 140, volume = 80 }"));

        assertThat(config.announcer().type()).isEqualTo(AnnouncerSettings.Type.ESPEAK);
        assertThat(config.announcer().espeak().voice()).isEqualTo("cmn");
        assertThat(config.announcer().espeak().speed()).isEqualTo(140);
        assertThat(config.announcer().volume()).isEqualTo(80);
    }

    @Test
    void load_unknownAnnouncerType_failsNamingTheKey() throws IOException {
        assertThatThrownBy(() -> HallConfig.load(example("announcer.type = loud")))
                .isInstanceOf(BadConfig.class)
                .hasMessageContaining("type")
                .hasMessageContaining("espeak, wav or simulated");
    }

    @Test
    void load_noAnnouncerBlock_failsNamingIt() throws IOException {
        Path file = dir.resolve("hall.conf");
        Files.writeString(file, """
                device { id = hall-1, branch = b001, data-dir = data }
                broker { uri = "tcp://127.0.0.1:1883", secret = "hall-1-secret-0001" }
                """);

        assertThatThrownBy(() -> HallConfig.load(file))
                .isInstanceOf(BadConfig.class)
                .hasMessageContaining("announcer");
    }

    @Test
    void load_badHallValue_failsNamingTheKeyAndLine() throws IOException {
        assertThatThrownBy(() -> HallConfig.load(example("counterline.hall.previous-calls = 20")))
                .isInstanceOf(BadConfig.class)
                .hasMessageContaining("previous-calls")
                .hasMessageContaining("hall-1.conf");
    }

    @Test
    void load_badBrokerUri_failsNamingTheKey() throws IOException {
        assertThatThrownBy(() -> HallConfig.load(example("broker.uri = \"http://server\"")))
                .isInstanceOf(BadConfig.class)
                .hasMessageContaining("broker.uri");
    }

    @Test
    void load_missingFile_failsNamingIt() {
        assertThatThrownBy(() -> HallConfig.load(dir.resolve("nope.conf")))
                .isInstanceOf(BadConfig.class)
                .hasMessageContaining("nope.conf");
    }

    @Test
    void main_configWithoutFile_usageAndStatus2() {
        StringWriter err = new StringWriter();

        int status = DeviceMain.execute(new Main(), new String[] {"--config"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));

        assertThat(status).isEqualTo(DeviceMain.BAD_CONFIG);
        assertThat(err.toString()).contains("--config=FILE");
    }
}
