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

    @Test
    void open_max7219_throughTheAppsGpioContext_isTheRealDriver() {
        // The context the app builds (Gpio.newContext) carries the SPI provider of the same
        // family: mock-spi here, linuxfs-spi on the Pi. Without it MAX7219 fell back to a simulator.
        com.pi4j.context.Context pi4j = io.counterline.gpio.Gpio.newContext(io.counterline.gpio.GpioProvider.MOCK);
        try {
            CounterDisplay display = CounterDisplays.open(CounterDisplaySettings.from(ConfigFactory.parseString(
                    "type = max7219\nmax7219 { spi-bus = 0, chip-select = 0, intensity = 8 }")), () -> pi4j);
            assertThat(display).isInstanceOf(Max7219CounterDisplay.class);
            display.showCall("A012", "3");
            assertThat(display.health()).isEqualTo(Health.OK);
            display.close();
        } finally {
            pi4j.shutdown();
        }
    }

    private static CounterDisplay open(String config) {
        return CounterDisplays.open(CounterDisplaySettings.from(ConfigFactory.parseString(config)), () -> {
            throw new AssertionError("Pi4J is needed only for max7219");
        });
    }
}
