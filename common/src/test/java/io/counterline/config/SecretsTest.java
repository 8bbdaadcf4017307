package io.counterline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    private static final Secrets PRODUCTION = new Secrets(Map.of("KIOSK_SECRET", "from-the-environment"), false);
    private static final Secrets DEMO = new Secrets(Map.of(), true);

    @TempDir
    Path dir;

    private static Config conf(String hocon) {
        return ConfigFactory.parseString(hocon);
    }

    @Test
    void read_inline_returnsIt() {
        assertThat(PRODUCTION.read(conf("secret = \"a-long-enough-secret\""), "secret", "broker.secret", 12))
                .isEqualTo("a-long-enough-secret");
    }

    @Test
    void read_fromFile_dropsTheTrailingNewline() throws Exception {
        Path f = dir.resolve("kiosk-1");
        Files.writeString(f, "kept-in-a-file-0042\n");
        assertThat(PRODUCTION.read(conf("secret-file = \"" + f + "\""), "secret", "broker.secret", 12))
                .isEqualTo("kept-in-a-file-0042");
    }

    @Test
    void read_fromEnvironment_returnsTheVariable() {
        assertThat(PRODUCTION.read(conf("secret-env = KIOSK_SECRET"), "secret", "broker.secret", 12))
                .isEqualTo("from-the-environment");
    }

    @Test
    void read_problems_areNamedByKey() {
        assertThatThrownBy(() -> PRODUCTION.read(conf("x = 1"), "secret", "devices[2].secret", 12))
                .hasMessageContaining("devices[2].secret is missing").hasMessageContaining("-file");
        assertThatThrownBy(() -> PRODUCTION.read(conf("secret = \"a-long-enough-secret\", secret-env = KIOSK_SECRET"),
                "secret", "broker.secret", 12)).hasMessageContaining("only one of");
        assertThatThrownBy(() -> PRODUCTION.read(conf("secret-env = NOT_SET_ANYWHERE"), "secret", "broker.secret", 12))
                .hasMessageContaining("NOT_SET_ANYWHERE is not set");
        assertThatThrownBy(() -> PRODUCTION.read(conf("secret-file = \"" + dir.resolve("missing") + "\""),
                "secret", "broker.secret", 12)).hasMessageContaining("broker.secret-file: cannot read");
        assertThatThrownBy(() -> PRODUCTION.read(conf("secret = short"), "secret", "broker.secret", 12))
                .hasMessageContaining("at least 12");
    }

    @Test
    void read_exampleSecret_isRefusedOutsideTheDemoOnly() throws Exception {
        Path f = dir.resolve("copied");
        Files.writeString(f, "kiosk-1-secret-0001\n");
        for (String hocon : new String[] {"secret = \"kiosk-1-secret-0001\"", "secret-file = \"" + f + "\""}) {
            assertThatThrownBy(() -> PRODUCTION.read(conf(hocon), "secret", "broker.secret", 12))
                    .hasMessageContaining("example secret");
            assertThat(DEMO.read(conf(hocon), "secret", "broker.secret", 12)).isEqualTo("kiosk-1-secret-0001");
        }
    }
}
