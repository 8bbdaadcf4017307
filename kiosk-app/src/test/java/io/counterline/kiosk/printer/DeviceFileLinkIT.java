package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.counterline.testing.PtyPair;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-way device file, with a pseudo-terminal standing in for /dev/usb/lp0: reads block
 * without a timeout there too, which is what the link's reader thread is for.
 */
class DeviceFileLinkIT {
    @TempDir
    Path dir;

    @Test
    void print_twoWayDevice_checkedPrintingAndReaderThreadEndsOnClose() throws Exception {
        FakeEscPosPrinter fake = new FakeEscPosPrinter();
        try (PtyPair pty = PtyPair.open(dir); FarEnd far = new FarEnd(pty.far, fake)) {
            assertThat(far).isNotNull();
            EscPosSlipPrinter printer = new EscPosSlipPrinter(
                    () -> DeviceFileLink.open(pty.near, true, Duration.ofMillis(300)), 32, true, "USB");

            printer.print(Slips.chinese("A012"));
            assertThat(fake.printed().qrCodes()).containsExactly("T-20261122-A012");

            fake.paperOut = true;
            assertThatThrownBy(() -> printer.print(Slips.chinese("A013"))).hasMessageContaining("paper out");
            assertThat(fake.printed().texts()).doesNotContain("A013");

            assertThat(readerAlive()).isTrue();
            printer.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> !readerAlive());
        }
    }

    private static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("printer-device-reader") && t.isAlive());
    }
}
