package io.counterline.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.counterline.device.boot.DeviceMain;
import io.counterline.kiosk.ticket.Language;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskSettingsTest {
    private static final String PIN = "admin-pin-hash = \"" + KioskFixture.ADMIN_PIN_HASH + "\"\n";

    @Test
    void from_onlyThePin_defaults() {
        KioskSettings s = KioskSettings.from(ConfigFactory.parseString(PIN));

        assertThat(s.defaultLanguage()).isEqualTo(Language.ZH);
        assertThat(s.confirmationTime()).isEqualTo(Duration.ofSeconds(6));
        assertThat(s.blockSize()).isEqualTo(20);
        assertThat(s.lowWater()).isEqualTo(5);
        assertThat(s.screen().fullScreen()).isTrue();
        assertThat(s.gpio()).isEmpty();
        assertThat(s.adminPin().matches(KioskFixture.ADMIN_PIN)).isTrue();
        assertThat(s.adminPin().matches("0000")).isFalse();
    }

    @Test
    void from_gpioButtons_read() {
        KioskSettings s = KioskSettings.from(ConfigFactory.parseString(PIN
                + "gpio { provider = mock, buttons = [ { service = A, pin = 17 } ] }"));

        assertThat(s.gpio().orElseThrow().buttons().buttons()).extracting(b -> b.serviceId()).containsExactly("A");
    }

    @Test
    void from_missingPin_failsNamingTheKey() {
        assertThatThrownBy(() -> KioskSettings.from(ConfigFactory.parseString("footer = []")))
                .isInstanceOf(ConfigException.Missing.class).hasMessageContaining("admin-pin-hash");
    }

    @Test
    void from_plainPinInsteadOfHash_failsNamingTheKey() {
        assertThatThrownBy(() -> KioskSettings.from(ConfigFactory.parseString("admin-pin-hash = 1234")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("admin-pin-hash")
                .hasMessageContaining("pbkdf2-sha256");
    }

    @Test
    void from_lowWaterNotBelowBlockSize_failsNamingTheKey() {
        assertThatThrownBy(() -> KioskSettings.from(ConfigFactory.parseString(PIN
                + "offline { block-size = 10, low-water = 10 }")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("offline.low-water");
    }

    @Test
    void from_unknownLanguage_failsNamingTheKey() {
        assertThatThrownBy(() -> KioskSettings.from(ConfigFactory.parseString(PIN + "default-language = fr")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("default-language");
    }

    @Test
    void exampleConfig_readsCompletely(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kiosk.conf");
        try (var in = KioskSettingsTest.class.getResourceAsStream("/kiosk-example.conf")) {
            Files.copy(in, file);
        }
        KioskConfig config = DeviceMain.load(new Main(), file);

        KioskSettings s = config.kiosk();
        assertThat(s.adminPin().matches("2468")).isTrue();
        assertThat(config.printer().type()).isEqualTo(io.counterline.kiosk.printer.PrinterSettings.Type.SIMULATED);
        assertThat(config.device().id()).isEqualTo("kiosk-1");
    }

    @Test
    void load_noConfigArgument_failsWithUsage() {
        StringWriter err = new StringWriter();

        int status = DeviceMain.execute(new Main(), new String[0], new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));

        assertThat(status).isEqualTo(DeviceMain.BAD_CONFIG);
        assertThat(err.toString()).contains("--config");
    }
}
