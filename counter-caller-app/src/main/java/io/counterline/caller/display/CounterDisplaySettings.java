package io.counterline.caller.display;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Which counter display a caller drives, read from its {@code display} config subtree:
 *
 * <pre>
 * type = simulated            # serial | max7219 | simulated
 * idle-text = "欢迎光临"
 * serial {
 *   port = ""                 # e.g. /dev/ttyUSB0 or /dev/serial/by-id/...; required for type = serial
 *   baud = 9600, data-bits = 8, parity = none, stop-bits = 1   # parity none|even|odd|mark|space; stop-bits 1|1.5|2
 *   address = 1               # 0-255
 *   start-byte = 0x02, end-byte = 0x03   # control bytes 0x00-0x1F, as "0x02" or 2
 *   checksum = xor            # xor | sum (mod 256), over address, length and text
 *   width = 16                # half-width cells: ASCII 1, Chinese 2; 1-127
 *   write-timeout = 1s
 * }
 * max7219 { spi-bus = 0, chip-select = 0, intensity = 8 }   # intensity 0-15
 * </pre>
 */
public record CounterDisplaySettings(Type type, String idleText, Serial serial, Max7219 max7219) {

    public enum Type { SERIAL, MAX7219, SIMULATED }

    public enum Parity { NONE, EVEN, ODD, MARK, SPACE }

    public enum StopBits { ONE, ONE_POINT_FIVE, TWO }

    /** A serial LED board: line settings, its address and frame format. */
    public record Serial(String port, int baud, int dataBits, Parity parity, StopBits stopBits, int address,
                         LedFrame.Format format, Duration writeTimeout) {
    }

    /** A MAX7219 8-digit module on the Pi's SPI bus. */
    public record Max7219(int spiBus, int chipSelect, int intensity) {
    }

    private static final Config DEFAULTS = ConfigFactory.parseString("""
            type = simulated
            idle-text = "欢迎光临"
            serial {
              port = "", baud = 9600, data-bits = 8, parity = none, stop-bits = "1"
              address = 1, start-byte = "0x02", end-byte = "0x03", checksum = xor, width = 16
              write-timeout = 1s
            }
            max7219 { spi-bus = 0, chip-select = 0, intensity = 8 }
            """);

    public static CounterDisplaySettings from(Config config) {
        Config c = config.withFallback(DEFAULTS);
        Type type = choice(c, "type", Type.class);
        Serial serial = serial(c);
        if (type == Type.SERIAL && serial.port().isEmpty()) {
            throw new ConfigException.BadValue(c.origin(), "serial.port", "is required when type = serial");
        }
        Max7219 max7219 = new Max7219(inRange(c, "max7219.spi-bus", 0, 6), inRange(c, "max7219.chip-select", 0, 2),
                inRange(c, "max7219.intensity", 0, 15));
        return new CounterDisplaySettings(type, c.getString("idle-text"), serial, max7219);
    }

    private static Serial serial(Config c) {
        String stopBitsKey = "serial.stop-bits";
        StopBits stopBits = switch (c.getString(stopBitsKey)) {
            case "1" -> StopBits.ONE;
            case "1.5" -> StopBits.ONE_POINT_FIVE;
            case "2" -> StopBits.TWO;
            default -> throw new ConfigException.BadValue(c.origin(), stopBitsKey,
                    "must be 1, 1.5 or 2, was " + c.getString(stopBitsKey));
        };
        LedFrame.Format format = new LedFrame.Format(controlByte(c, "serial.start-byte"),
                controlByte(c, "serial.end-byte"), choice(c, "serial.checksum", LedFrame.Checksum.class),
                inRange(c, "serial.width", 1, 127));
        return new Serial(c.getString("serial.port").strip(), inRange(c, "serial.baud", 50, 4_000_000),
                inRange(c, "serial.data-bits", 5, 8), choice(c, "serial.parity", Parity.class), stopBits,
                inRange(c, "serial.address", 0, 255), format, c.getDuration("serial.write-timeout"));
    }

    /** "0x02" or 2; see {@link LedFrame.Format} for why it must be a control byte. */
    private static int controlByte(Config c, String key) {
        String value = c.getString(key).strip();
        int b;
        try {
            b = Integer.decode(value);
        } catch (NumberFormatException e) {
            b = -1;
        }
        if (b < 0 || b > 0x1F) {
            throw new ConfigException.BadValue(c.origin(), key, "must be a control byte 0x00 to 0x1F, was " + value);
        }
        return b;
    }

    private static <E extends Enum<E>> E choice(Config c, String key, Class<E> type) {
        String value = c.getString(key);
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder choices = new StringBuilder();
            for (E option : type.getEnumConstants()) {
                choices.append(choices.length() == 0 ? "" : ", ").append(option.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigException.BadValue(c.origin(), key, "must be one of " + choices + ", was " + value);
        }
    }

    private static int inRange(Config c, String key, int min, int max) {
        int value = c.getInt(key);
        if (value < min || value > max) {
            throw new ConfigException.BadValue(c.origin(), key, "must be " + min + " to " + max + ", was " + value);
        }
        return value;
    }
}
