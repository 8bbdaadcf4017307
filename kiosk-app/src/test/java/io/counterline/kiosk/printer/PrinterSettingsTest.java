package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrinterSettingsTest {

    @Test
    void from_usbWithDefaults_filledIn() {
        PrinterSettings s = PrinterSettings.from(ConfigFactory.parseString("device = \"/dev/usb/lp0\""));

        assertThat(s.type()).isEqualTo(PrinterSettings.Type.ESCPOS);
        assertThat(s.link()).isEqualTo(PrinterSettings.LinkType.USB);
        assertThat(s.device()).isEqualTo(Path.of("/dev/usb/lp0"));
        assertThat(s.readStatus()).isTrue();
        assertThat(s.statusTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.columns()).isEqualTo(48);
    }

    @Test
    void from_serial_readsLineSettings() {
        PrinterSettings s = PrinterSettings.from(ConfigFactory.parseString("""
                link = serial
                serial { port = /dev/ttyUSB0, baud = 19200, parity = even, flow-control = rts-cts, stop-bits = 2 }
                columns = 32
                """));

        assertThat(s.serial()).isEqualTo(new PrinterSettings.Serial("/dev/ttyUSB0", 19200, 8,
                PrinterSettings.StopBits.TWO, PrinterSettings.Parity.EVEN, PrinterSettings.FlowControl.RTS_CTS));
        assertThat(s.describe()).isEqualTo("ESC/POS on serial /dev/ttyUSB0 at 19200 baud, 32 columns, status reads on");
    }

    @Test
    void from_tcp_defaultsToPort9100() {
        PrinterSettings s = PrinterSettings.from(ConfigFactory.parseString("link = tcp, tcp.host = 10.0.0.5"));

        assertThat(s.tcp()).isEqualTo(new PrinterSettings.Tcp("10.0.0.5", 9100, Duration.ofSeconds(3)));
    }

    @Test
    void from_simulated_needsNoDevice() {
        PrinterSettings s = PrinterSettings.from(ConfigFactory.parseString("type = simulated, simulated.output-dir = /tmp/slips"));

        assertThat(s.simulatedOutputDir()).isEqualTo(Path.of("/tmp/slips"));
        assertThat(s.device()).isNull();
    }

    @Test
    void from_missingOrBadKeys_errorNamesTheKey() {
        assertThatThrownBy(() -> PrinterSettings.from(ConfigFactory.empty()))
                .isInstanceOf(ConfigException.Missing.class).hasMessageContaining("device");
        assertThatThrownBy(() -> PrinterSettings.from(ConfigFactory.parseString("link = serial")))
                .isInstanceOf(ConfigException.Missing.class).hasMessageContaining("serial.port");
        assertThatThrownBy(() -> PrinterSettings.from(ConfigFactory.parseString("device = x, columns = 5")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("columns");
        assertThatThrownBy(() -> PrinterSettings.from(ConfigFactory.parseString("link = parallel")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("link")
                .hasMessageContaining("usb, serial, tcp");
        assertThatThrownBy(() -> PrinterSettings.from(ConfigFactory.parseString("device = x, status-timeout = 0s")))
                .hasMessageContaining("status-timeout");
    }

    @Test
    void open_simulated_givesTheSimulator() {
        PrinterSettings s = PrinterSettings.from(ConfigFactory.parseString("type = simulated, simulated.output-dir = /tmp/slips"));

        try (SlipPrinter printer = SlipPrinters.open(s)) {
            assertThat(printer).isInstanceOf(SimulatedSlipPrinter.class);
        }
    }
}
