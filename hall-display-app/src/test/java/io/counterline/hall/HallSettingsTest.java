package io.counterline.hall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HallSettingsTest {

    private static Config hall(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference())
                .getConfig("counterline.hall");
    }

    @Test
    void from_referenceDefaults_tvSettings() {
        HallSettings settings = HallSettings.from(hall(""));

        assertThat(settings).isEqualTo(new HallSettings(Duration.ofSeconds(8), Duration.ofSeconds(30), 8,
                Path.of("/var/lib/counterline/hall/content"), 3, true, 1920, 1080, Map.of()));
    }

    @Test
    void from_overrides_taken() {
        HallSettings settings = HallSettings.from(hall("""
                counterline.hall { highlight-seconds = 5, calling-seconds = 20, previous-calls = 4, content-folder = "hall-content",
                  backlog-threshold = 2, full-screen = false, width = 1280, height = 720,
                  counter-numbers { c7 = "7", vip = V1 } }
                """));

        assertThat(settings).isEqualTo(new HallSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), 4, Path.of("hall-content"), 2,
                false, 1280, 720, Map.of("c7", "7", "vip", "V1")));
    }

    @Test
    void from_tooManyPreviousCalls_failsNamingTheKey() {
        assertThatThrownBy(() -> HallSettings.from(hall("counterline.hall.previous-calls = 20")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("previous-calls")
                .hasMessageContaining("between 0 and 8, was 20");
    }

    @Test
    void from_backlogThresholdZero_failsNamingTheKey() {
        assertThatThrownBy(() -> HallSettings.from(hall("counterline.hall.backlog-threshold = 0")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("backlog-threshold");
    }

    @Test
    void from_notANumber_typesafeNamesTheKey() {
        assertThatThrownBy(() -> HallSettings.from(hall("counterline.hall.highlight-seconds = soon")))
                .isInstanceOf(ConfigException.WrongType.class)
                .hasMessageContaining("highlight-seconds");
    }

    @Test
    void from_counterNumberNotSpeakable_failsNamingTheKey() {
        assertThatThrownBy(() -> HallSettings.from(hall("counterline.hall.counter-numbers.c7 = \"贵宾\"")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("counter-numbers.c7")
                .hasMessageContaining("letters or digits");
    }

    @Test
    void from_misspelledKey_failsNamingIt() {
        assertThatThrownBy(() -> HallSettings.from(hall("counterline.hall.higlight-seconds = 5")))
                .isInstanceOf(ConfigException.BadPath.class)
                .hasMessageContaining("counterline.hall.higlight-seconds")
                .hasMessageContaining("highlight-seconds");
    }
}
