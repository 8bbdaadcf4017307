package io.counterline.kiosk.printer;

import com.fazecast.jSerialComm.SerialPort;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the kiosk's slip printer is attached, read from the {@code printer} subtree of the
 * kiosk's configuration. Keys and defaults (see docs/hardware-printer.md):
 *
 * <pre>
 * type = escpos              # escpos | simulated
 * link = usb                 # usb | serial | tcp (escpos only)
 * device = ...               # usb: device file, e.g. "/dev/usb/lp0" (required for usb)
 * serial { port = ..., baud = 9600, data-bits = 8, stop-bits = 1, parity = none, flow-control = none }
 * tcp { host = ..., port = 9100, connect-timeout = 3s }
 * read-status = true         # ask the printer with DLE EOT before and after each slip
 * status-timeout = 500ms     # how long to wait for an answer
 * columns = 48               # characters per line: 32 for 58 mm paper, 48 for 80 mm
 * simulated.output-dir = ... # simulated: folder for slip images (required for simulated)
 * </pre>
 */
public record PrinterSettings(Type type, LinkType link, Path device, Serial serial, Tcp tcp,
                              boolean readStatus, Duration statusTimeout, int columns,
                              Path simulatedOutputDir) {

    private static final Config DEFAULTS = ConfigFactory.parseString("""
            type = escpos
            link = usb
            serial { baud = 9600, data-bits = 8, stop-bits = 1, parity = none, flow-control = none }
            tcp { port = 9100, connect-timeout = 3s }
            read-status = true
            status-timeout = 500ms
            columns = 48
            """);

    public enum Type { ESCPOS, SIMULATED }

    public enum LinkType { USB, SERIAL, TCP }

    public enum Parity {
        NONE(SerialPort.NO_PARITY), ODD(SerialPort.ODD_PARITY), EVEN(SerialPort.EVEN_PARITY);

        final int jSerialComm;

        Parity(int jSerialComm) {
            this.jSerialComm = jSerialComm;
        }
    }

    public enum StopBits {
        ONE(SerialPort.ONE_STOP_BIT), TWO(SerialPort.TWO_STOP_BITS);

        final int jSerialComm;

        StopBits(int jSerialComm) {
            this.jSerialComm = jSerialComm;
        }
    }

    public enum FlowControl {
        NONE(SerialPort.FLOW_CONTROL_DISABLED),
        RTS_CTS(SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED),
        XON_XOFF(SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED);

        final int jSerialComm;

        FlowControl(int jSerialComm) {
            this.jSerialComm = jSerialComm;
        }
    }

    /** Serial line settings; {@code port} is null unless the link is serial. */
    public record Serial(String port, int baud, int dataBits, StopBits stopBits, Parity parity,
                         FlowControl flowControl) {
    }

    /** Network printer settings; {@code host} is null unless the link is tcp. */
    public record Tcp(String host, int port, Duration connectTimeout) {
    }

    /** Reads the {@code printer} subtree; errors name the offending key. */
    public static PrinterSettings from(Config printer) {
        Config c = printer.withFallback(DEFAULTS);
        Type type = enumOf(c, "type", Type.class);
        LinkType link = enumOf(c, "link", LinkType.class);
        boolean usb = type == Type.ESCPOS && link == LinkType.USB;
        boolean serialLink = type == Type.ESCPOS && link == LinkType.SERIAL;
        boolean tcpLink = type == Type.ESCPOS && link == LinkType.TCP;

        Serial serial = new Serial(serialLink ? c.getString("serial.port") : null,
                positive(c, "serial.baud"), within(c, "serial.data-bits", 5, 8),
                within(c, "serial.stop-bits", 1, 2) == 1 ? StopBits.ONE : StopBits.TWO,
                enumOf(c, "serial.parity", Parity.class), enumOf(c, "serial.flow-control", FlowControl.class));
        Tcp tcp = new Tcp(tcpLink ? c.getString("tcp.host") : null, within(c, "tcp.port", 1, 65535),
                positiveDuration(c, "tcp.connect-timeout"));
        return new PrinterSettings(type, link,
                usb ? Path.of(c.getString("device")) : null,
                serial, tcp,
                c.getBoolean("read-status"), positiveDuration(c, "status-timeout"),
                within(c, "columns", 16, 96),
                type == Type.SIMULATED ? Path.of(c.getString("simulated.output-dir")) : null);
    }

    /** One line for the log and the test page, e.g. "ESC/POS on serial /dev/ttyUSB0 at 9600 baud". */
    public String describe() {
        if (type == Type.SIMULATED) {
            return "simulated printer writing images to " + simulatedOutputDir;
        }
        String where = switch (link) {
            case USB -> "USB device " + device;
            case SERIAL -> "serial " + serial.port() + " at " + serial.baud() + " baud";
            case TCP -> "TCP " + tcp.host() + ":" + tcp.port();
        };
        return "ESC/POS on " + where + ", " + columns + " columns, status reads "
                + (readStatus ? "on" : "off");
    }

    private static <E extends Enum<E>> E enumOf(Config c, String key, Class<E> type) {
        // Lets "rts-cts" name RTS_CTS: config files use kebab case.
        String value = c.getString(key).trim().replace('-', '_').toUpperCase(Locale.ROOT);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(c.origin(), key, "'" + c.getString(key) + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }

    private static int within(Config c, String key, int min, int max) {
        int value = c.getInt(key);
        if (value < min || value > max) {
            throw new ConfigException.BadValue(c.origin(), key, value + " is not between " + min + " and " + max);
        }
        return value;
    }

    private static int positive(Config c, String key) {
        return within(c, key, 1, Integer.MAX_VALUE);
    }

    private static Duration positiveDuration(Config c, String key) {
        Duration value = c.getDuration(key);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException.BadValue(c.origin(), key, value + " must be longer than zero");
        }
        return value;
    }
}
