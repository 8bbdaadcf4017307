package io.counterline.caller.display;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.exception.IOException;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.plugin.mock.provider.spi.MockSpi;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;
import com.typesafe.config.ConfigFactory;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checks the register writes a MAX7219 receives, on Pi4J's mock SPI provider. */
class Max7219CounterDisplayTest {
    private static final HexFormat HEX = HexFormat.of();
    /** display test off, no decode, scan all 8 digits, intensity 5 (from the settings below). */
    private static final List<String> CONTROL = List.of("0f00", "0900", "0b07", "0a05");

    private final Context pi4j = Pi4J.newContextBuilder().add(MockSpiProvider.newInstance()).build();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void open_max7219Settings_blankAndNotShutDown() {
        CounterDisplay display = open();

        assertThat(display).isInstanceOf(Max7219CounterDisplay.class);
        assertThat(writes()).isEqualTo(update(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(display.health()).isEqualTo(Health.OK);
    }

    @Test
    void showCall_ticketAndCounter_ticketLeftCounterRight() {
        CounterDisplay display = open();
        writes();

        display.showCall("A012", "3");

        // A 0 1 2 _ _ _ 3, leftmost on digit 7 (register 0x08)
        assertThat(writes()).isEqualTo(update(0x77, 0x7E, 0x30, 0x6D, 0, 0, 0, 0x79));
    }

    @Test
    void showCall_tooLongForBoth_ticketOnlyCutToEightDigits() {
        CounterDisplay display = open();
        writes();

        display.showCall("A0123", "12");
        display.showCall("b123456789", "3");

        List<String> both = new ArrayList<>(update(0x77, 0x7E, 0x30, 0x6D, 0x79, 0, 0x30, 0x6D));
        both.addAll(update(0x1F, 0x30, 0x6D, 0x79, 0x33, 0x5B, 0x5F, 0x70));
        assertThat(writes()).isEqualTo(both);
    }

    @Test
    void showPausedAndChineseIdle_dashesThenBlank() {
        CounterDisplay display = open();
        writes();

        display.showPaused();
        display.showIdle("欢迎光临");

        List<String> both = new ArrayList<>(update(1, 1, 1, 1, 1, 1, 1, 1));
        both.addAll(update(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(writes()).isEqualTo(both);
    }

    @Test
    void segments_lettersSevenSegmentsCanDraw_mappedOthersBlank() {
        assertThat(HEX.formatHex(Max7219CounterDisplay.segments("HELP-zk"))).isEqualTo("374f0e6701000000");
    }

    @Test
    void close_shutsDownTheChip() {
        CounterDisplay display = open();
        writes();

        display.close();

        assertThat(writes()).containsExactly("0c00");
    }

    @Test
    void show_spiFails_offlineNamingTheBusThenRecovers() {
        FailingSpi spi = new FailingSpi(pi4j);
        Max7219CounterDisplay display = new Max7219CounterDisplay(spi, 5, "MAX7219 on SPI bus 0 chip select 1");
        spi.readEntireMockBuffer();

        spi.broken = true;
        display.showCall("A012", "3");

        assertThat(display.health().level()).isEqualTo(HealthLevel.OFFLINE);
        assertThat(display.health().reason()).contains("MAX7219 on SPI bus 0 chip select 1").contains("unplugged");

        spi.broken = false;
        display.showCall("A013", "3");

        assertThat(display.health()).isEqualTo(Health.OK);
        assertThat(pairs(spi.readEntireMockBuffer())).isEqualTo(update(0x77, 0x7E, 0x30, 0x79, 0, 0, 0, 0x79));
    }

    @Test
    void open_noSpiProvider_simulatedWithConfigError() {
        Context noProviders = Pi4J.newContextBuilder().build();
        try {
            CounterDisplay display = CounterDisplays.open(settings(), () -> noProviders);

            assertThat(display).isInstanceOf(SimulatedCounterDisplay.class);
            assertThat(display.health().level()).isEqualTo(HealthLevel.CONFIG_ERROR);
            assertThat(display.health().reason()).contains("display.max7219").contains("SPI bus 0 chip select 1");
        } finally {
            noProviders.shutdown();
        }
    }

    private CounterDisplay open() {
        return CounterDisplays.open(settings(), () -> pi4j);
    }

    private static CounterDisplaySettings settings() {
        return CounterDisplaySettings.from(ConfigFactory.parseString(
                "type = max7219\nmax7219 { spi-bus = 0, chip-select = 1, intensity = 5 }"));
    }

    /** Everything written since the last call, as "RRDD" register/data words. */
    private List<String> writes() {
        MockSpi spi = pi4j.registry().get("counter-display");
        return pairs(spi.readEntireMockBuffer());
    }

    private static List<String> pairs(byte[] bytes) {
        assertThat(bytes.length % 2).as("whole 16-bit words").isZero();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += 2) {
            words.add(HEX.formatHex(bytes, i, i + 2));
        }
        return words;
    }

    /** One full update: control registers, digits 7..0 (leftmost first), then normal operation. */
    private static List<String> update(int... leftToRight) {
        List<String> words = new ArrayList<>(CONTROL);
        for (int i = 0; i < 8; i++) {
            words.add(String.format("%02x%02x", 8 - i, leftToRight[i]));
        }
        words.add("0c01");
        return words;
    }

    /** Pi4J's mock SPI that can be made to fail like an unplugged module. */
    private static final class FailingSpi extends MockSpi {
        volatile boolean broken;

        FailingSpi(Context pi4j) {
            super(MockSpiProvider.newInstance(), Spi.newConfigBuilder(pi4j).id("failing").bus(0)
                    .chipSelect(SpiChipSelect.CS_1).build());
        }

        @Override
        public int write(byte[] data, int offset, int length) {
            if (broken) {
                throw new IOException("SPI write failed: module unplugged");
            }
            return super.write(data, offset, length);
        }
    }
}
