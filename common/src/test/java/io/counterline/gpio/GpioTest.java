package io.counterline.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioTest {
    private Context gpio;

    @AfterEach
    void shutDown() {
        if (gpio != null) {
            gpio.shutdown();
        }
    }

    @Test
    void newContext_mock_holdsExactlyTheMockDigitalAndSpiProviders() {
        gpio = Gpio.newContext(GpioProvider.MOCK);

        assertThat(gpio.providers().all().keySet())
                .containsExactlyInAnyOrder("mock-digital-input", "mock-digital-output", "mock-spi");
        assertThat(gpio.platforms().all()).as("no platform auto-detected").isEmpty();
    }

    @Test
    void newContext_pluginMissing_namesTheArtifact() {
        // pi4j-plugin-gpiod is deliberately not on common's class path.
        assertThatThrownBy(() -> Gpio.newContext(GpioProvider.GPIOD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("com.pi4j:pi4j-plugin-gpiod");
    }

    @Test
    void providerFrom_knownValue_parsed() {
        assertThat(GpioProvider.from(ConfigFactory.parseString("provider = mock"))).isEqualTo(GpioProvider.MOCK);
        assertThat(GpioProvider.from(ConfigFactory.parseString("provider = gpiod"))).isEqualTo(GpioProvider.GPIOD);
    }

    @Test
    void providerFrom_unknownValue_namesKeyAndChoices() {
        assertThatThrownBy(() -> GpioProvider.from(ConfigFactory.parseString("provider = wiringpi")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("provider")
                .hasMessageContaining("gpiod, mock")
                .hasMessageContaining("wiringpi");
    }

    @Test
    void providerFrom_missing_namesKey() {
        assertThatThrownBy(() -> GpioProvider.from(ConfigFactory.empty()))
                .isInstanceOf(ConfigException.Missing.class)
                .hasMessageContaining("provider");
    }
}
