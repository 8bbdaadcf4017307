package io.counterline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final Config DEFAULTS = ConfigFactory.parseString("""
            shop {
              rollover-hour = 3
              confirmation-time = 6s
              screen { width = 800, height = 480 }
            }
            """);

    /** A reader in the style of the apps' settings records. */
    record Shop(int rollover, Duration confirmation, int width, String keys, List<String> services) {
        static Shop from(Config c) {
            Config shop = c.getConfig("shop");
            int rollover = shop.getInt("rollover-hour");
            if (rollover < 0 || rollover > 23) {
                throw new ConfigException.BadValue(shop.origin(), "rollover-hour", "must be 0..23, was " + rollover);
            }
            Config screen = shop.getConfig("screen");
            String keys = shop.hasPath("keys.type") ? shop.getString("keys.type") : "simulated";
            if (keys.equals("gpio")) {
                shop.getConfig("keys.gpio").getInt("pin");
            }
            List<String> services = new java.util.ArrayList<>();
            List<? extends Config> list = c.hasPath("services") ? c.getConfigList("services") : List.of();
            for (int i = 0; i < list.size(); i++) {
                String prefix = list.get(i).getString("prefix");
                if (!prefix.matches("[A-Z]")) {
                    throw new IllegalArgumentException("services[" + i + "].prefix must be one capital letter");
                }
                services.add(prefix);
            }
            return new Shop(rollover, shop.getDuration("confirmation-time"), screen.getInt("width"), keys, services);
        }
    }

    @TempDir
    Path dir;

    @Test
    void read_goodFile_settingsOverDefaults() throws IOException {
        Shop shop = read("shop { rollover-hour = 4, screen.width = 1024 }\nservices = [{ prefix = A }]").settings();

        assertThat(shop).isEqualTo(new Shop(4, Duration.ofSeconds(6), 1024, "simulated", List.of("A")));
    }

    @Test
    void read_missingFile_namesTheFile() {
        Path missing = dir.resolve("nope.conf");

        assertThatThrownBy(() -> ConfigFile.read(missing, DEFAULTS, ConfigKeys.NONE, Shop::from))
                .isInstanceOf(BadConfig.class).hasMessage(missing + ": no such file");
    }

    @Test
    void read_typo_unknownKeyWithLineAndSuggestion() throws IOException {
        assertThatThrownBy(() -> read("shop {\n  rolover-hour = 4\n}"))
                .isInstanceOf(BadConfig.class)
                .hasMessage(file() + ":2: shop.rolover-hour: unknown key (did you mean shop.rollover-hour?)");
    }

    @Test
    void read_wrongType_namesFullKeyAndLine() throws IOException {
        assertThatThrownBy(() -> read("shop {\n  screen {\n    width = wide\n  }\n}"))
                .isInstanceOf(BadConfig.class)
                .hasMessage(file() + ":3: shop.screen.width: must be number, was string");
    }

    @Test
    void read_outOfRangeNamedRelativeByTheReader_fullKey() throws IOException {
        assertThatThrownBy(() -> read("\nshop.rollover-hour = 24"))
                .isInstanceOf(BadConfig.class)
                .hasMessage(file() + ":2: shop.rollover-hour: must be 0..23, was 24");
    }

    @Test
    void read_durationWithoutUnit_refused() throws IOException {
        assertThatThrownBy(() -> read("shop.confirmation-time = 6"))
                .isInstanceOf(BadConfig.class)
                .hasMessageStartingWith(file() + ":1: shop.confirmation-time: '6' has no unit");
    }

    @Test
    void read_badListEntry_namesIndexAndLine() throws IOException {
        assertThatThrownBy(() -> read("services = [\n  { prefix = A }\n  { prefix = bb }\n]"))
                .isInstanceOf(BadConfig.class)
                .hasMessage(file() + ":3: services[1].prefix: must be one capital letter");
    }

    @Test
    void read_unknownKeyInListEntry_refused() throws IOException {
        assertThatThrownBy(() -> read("services = [\n  { prefix = A, prefx = B }\n]"))
                .isInstanceOf(BadConfig.class).hasMessageContaining(":2: services[0].prefx: unknown key");
    }

    @Test
    void read_alternativeBlockNotChosen_acceptedUnread() throws IOException {
        ConfigKeys keys = ConfigKeys.alternatives("shop.keys.gpio");

        Shop shop = read("shop.keys { type = simulated, gpio { pin = 5, anything = 1 } }", keys).settings();

        assertThat(shop.keys()).isEqualTo("simulated");
    }

    @Test
    void read_alternativeBlockChosen_itsTyposRefused() throws IOException {
        ConfigKeys keys = ConfigKeys.alternatives("shop.keys.gpio");

        assertThatThrownBy(() -> read("shop.keys { type = gpio, gpio { pin = 5, pni = 6 } }", keys))
                .isInstanceOf(BadConfig.class).hasMessageContaining("shop.keys.gpio.pni: unknown key");
    }

    @Test
    void read_missingRequiredKey_namesIt() throws IOException {
        ConfigKeys keys = ConfigKeys.alternatives("shop.keys.gpio");

        assertThatThrownBy(() -> read("shop.keys { type = gpio }", keys))
                .isInstanceOf(BadConfig.class)
                .hasMessage(file() + ":1: shop.keys.gpio: missing (no default; the file must set it)");
    }

    @Test
    void read_deprecatedKey_movedWithWarningNamingTheReplacement() throws IOException {
        ConfigKeys keys = ConfigKeys.NONE.withDeprecated("shop.rollover", "shop.rollover-hour");

        ConfigFile.Loaded<Shop> loaded = read("shop.rollover = 5", keys);

        assertThat(loaded.settings().rollover()).isEqualTo(5);
        assertThat(loaded.warnings()).containsExactly(
                file() + ":1: shop.rollover: deprecated: use shop.rollover-hour instead");
    }

    @Test
    void read_syntaxError_namesTheLine() throws IOException {
        assertThatThrownBy(() -> read("shop {\n  rollover-hour = \n  = 3\n"))
                .isInstanceOf(BadConfig.class).hasMessageStartingWith(file() + ":3: ");
    }

    private ConfigFile.Loaded<Shop> read(String text) throws IOException {
        return read(text, ConfigKeys.NONE);
    }

    private ConfigFile.Loaded<Shop> read(String text, ConfigKeys keys) throws IOException {
        Files.writeString(file(), text);
        return ConfigFile.read(file(), DEFAULTS, keys, Shop::from);
    }

    private Path file() {
        return dir.resolve("shop.conf");
    }
}
