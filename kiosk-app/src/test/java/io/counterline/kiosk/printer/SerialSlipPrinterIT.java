package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.counterline.protocol.HealthLevel;
import io.counterline.testing.PtyPair;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ESC/POS printer over a real serial line: a socat pseudo-terminal pair. */
class SerialSlipPrinterIT {
    @TempDir
    Path dir;

    private final FakeEscPosPrinter fake = new FakeEscPosPrinter();
    private PtyPair pty;
    private FarEnd farEnd;
    private SlipPrinter printer;

    @BeforeEach
    void start() throws Exception {
        pty = PtyPair.open(dir);
        farEnd = new FarEnd(pty.far, fake);
        printer = SlipPrinters.open(PrinterSettings.from(ConfigFactory.parseString("""
                link = serial
                serial.baud = 115200
                status-timeout = 300ms
                columns = 32
                """).withValue("serial.port", ConfigValueFactory.fromAnyRef(pty.near.toString()))));
    }

    @AfterEach
    void stop() throws Exception {
        if (printer != null) {
            printer.close();
        }
        if (farEnd != null) {
            farEnd.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void print_paperPresent_farEndReceivesTheSlip() throws Exception {
        printer.print(Slips.chinese("A012"));

        // The status request after the slip was answered, so the far end has read the slip.
        EscPosReader printed = fake.printed();
        assertThat(printed.line("A012").height()).isEqualTo(4);
        assertThat(printed.texts()).contains("个人业务", "前面还有 5 人 / 5 ahead of you");
        assertThat(printed.qrCodes()).containsExactly("T-20261122-A012");
        assertThat(printed.cuts()).isEqualTo(1);
        assertThat(printer.status()).isEqualTo(PrinterStatus.READY);
    }

    @Test
    void print_paperOutThenReloaded_refusedThenPrints() throws Exception {
        fake.paperOut = true;

        assertThatThrownBy(() -> printer.print(Slips.chinese("A012")))
                .isInstanceOf(PrintException.class).hasMessageContaining("paper out");
        assertThat(printer.status().health().level()).isEqualTo(HealthLevel.OFFLINE);
        assertThat(printer.status().health().reason()).contains("paper out");
        assertThat(fake.printed().cuts()).isZero();
        assertThat(fake.printed().texts()).isEmpty();

        fake.paperOut = false;
        printer.print(Slips.chinese("A013"));

        assertThat(fake.printed().texts()).contains("A013").doesNotContain("A012");
        assertThat(fake.printed().cuts()).isEqualTo(1);
    }

    @Test
    void status_printerSilent_offlineNoAnswer() {
        fake.silent = true;

        PrinterStatus status = printer.status();

        assertThat(status.condition()).isEqualTo(PrinterStatus.Condition.NO_ANSWER);
        assertThat(status.health().reason()).isEqualTo("printer does not answer - check power and cable");
    }
}
