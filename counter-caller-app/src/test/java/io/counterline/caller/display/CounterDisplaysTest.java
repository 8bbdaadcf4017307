package io.counterline.caller.display;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterDisplaysTest {
    @TempDir
    Path dir;

    @Test
    void open_serialPortNotThere_offlineNamingThePortAndShowsDoNotThrow() {
        Path missing = dir.resolve("ttyUSB9");
        CounterDisplay display = open("type = serial\nserial.port = \"" + missing + "\"");

        display.showCall("A012", "3");

        assertThat(display).isInstanceOf(SerialCounterDisplay.class);
        assertThat(display.health().level()).isEqualTo(HealthLevel.OFFLINE);
        assertThat(display.health().reason()).contains(missing.toString());
        display.close();
    }

    @Test
    void open_simulated_okWithoutAskingForPi4j() {
        CounterDisplay display = open("type = simulated");

        assertThat(display).isInstanceOf(SimulatedCounterDisplay.class);
        assertThat(display.health()).isEqualTo(Health.OK);
    }

    private static CounterDisplay open(String config) {
        return CounterDisplays.open(CounterDisplaySettings.from(ConfigFactory.parseString(config)), () -> {
            throw new AssertionError("Pi4J is needed only for max7219");
        });
    }
}
