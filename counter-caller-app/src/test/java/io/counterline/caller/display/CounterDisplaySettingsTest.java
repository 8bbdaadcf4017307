package io.counterline.caller.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.counterline.caller.display.CounterDisplaySettings.Parity;
import io.counterline.caller.display.CounterDisplaySettings.StopBits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CounterDisplaySettingsTest {

    @Test
    void from_empty_simulatedWithDefaults() {
        CounterDisplaySettings s = CounterDisplaySettings.from(ConfigFactory.empty());

        assertThat(s.type()).isEqualTo(CounterDisplaySettings.Type.SIMULATED);
        assertThat(s.idleText()).isEqualTo("欢迎光临");
        assertThat(s.serial()).isEqualTo(new CounterDisplaySettings.Serial("", 9600, 8, Parity.NONE, StopBits.ONE, 1,
                LedFrame.Format.DEFAULT, Duration.ofSeconds(1)));
        assertThat(s.max7219()).isEqualTo(new CounterDisplaySettings.Max7219(0, 0, 8));
    }

    @Test
    void from_everySerialKey_read() {
        CounterDisplaySettings s = CounterDisplaySettings.from(ConfigFactory.parseString("""
                type = serial
                idle-text = 暂停
                serial {
                  port = /dev/ttyUSB0, baud = 19200, data-bits = 7, parity = even, stop-bits = 1.5
                  address = 12, start-byte = "0x1B", end-byte = 4, checksum = sum, width = 24
                  write-timeout = 250ms
                }
                """));

        assertThat(s.serial()).isEqualTo(new CounterDisplaySettings.Serial("/dev/ttyUSB0", 19200, 7, Parity.EVEN,
                StopBits.ONE_POINT_FIVE, 12, new LedFrame.Format(0x1B, 0x04, LedFrame.Checksum.SUM, 24),
                Duration.ofMillis(250)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "type = lcd                         | type     | one of serial, max7219, simulated",
            "type = serial                      | serial.port | required",
            "serial.parity = maybe              | serial.parity | one of none, even, odd, mark, space",
            "serial.stop-bits = 3               | serial.stop-bits | 1, 1.5 or 2",
            "serial.start-byte = \"0x41\"       | serial.start-byte | control byte",
            "serial.end-byte = ETX              | serial.end-byte | control byte",
            "serial.checksum = crc16            | serial.checksum | one of xor, sum",
            "serial.width = 0                   | serial.width | 1 to 127",
            "serial.address = 256               | serial.address | 0 to 255",
            "max7219.intensity = 16             | max7219.intensity | 0 to 15",
            "max7219.chip-select = 3            | max7219.chip-select | 0 to 2"})
    void from_badValue_namesTheKey(String config, String key, String why) {
        assertThatThrownBy(() -> CounterDisplaySettings.from(ConfigFactory.parseString(config)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(why);
    }
}
