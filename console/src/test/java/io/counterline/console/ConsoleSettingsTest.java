package io.counterline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where hall displays fetch media: the listen address, or {@code console.media-url} (required behind 0.0.0.0). */
class ConsoleSettingsTest {
    private static Optional<ConsoleSettings> read(String conf) {
        return ConsoleSettings.from(ConfigFactory.parseString(conf), Path.of("/tmp/x"));
    }

    @Test
    void everyAddress_withoutMediaUrl_isAClearError() {
        assertThatThrownBy(() -> read("console.listen = \"0.0.0.0:8080\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("console.media-url").hasMessageContaining("http://10.0.0.5:8080/media/");
        assertThatThrownBy(() -> read("console.listen = \"[::]:8080\"")).hasMessageContaining("console.media-url");
    }

    @Test
    void everyAddress_withMediaUrl_usesIt() {
        assertThat(read("console { listen = \"0.0.0.0:8080\", media-url = \"http://10.0.0.5:8080/media/\" }"))
                .hasValueSatisfying(s -> assertThat(s.mediaUrl()).contains("http://10.0.0.5:8080/media/"));
    }

    @Test
    void oneAddress_needsNoMediaUrl() {
        assertThat(read("console.listen = \"10.0.0.5:8080\"")).hasValueSatisfying(s -> assertThat(s.mediaUrl()).isEmpty());
    }

    @Test
    void badMediaUrl_refusedNamingTheKey() {
        for (String bad : new String[] {"10.0.0.5:8080/media/", "http://10.0.0.5:8080/media", "ftp://x/", "http:// x/"}) {
            assertThatThrownBy(() -> read("console { listen = \"0.0.0.0:8080\", media-url = \"" + bad + "\" }"))
                    .as(bad).hasMessageContaining("console.media-url must be");
        }
    }
}
