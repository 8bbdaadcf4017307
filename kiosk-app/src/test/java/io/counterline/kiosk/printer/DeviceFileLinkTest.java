package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceFileLinkTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    @Test
    void print_writeOnlyDevice_slipBytesLandInTheFile() throws Exception {
        Path device = Files.createFile(dir.resolve("lp0"));
        try (EscPosSlipPrinter printer = new EscPosSlipPrinter(
                () -> DeviceFileLink.open(device, false, TIMEOUT), 32, false, "USB")) {
            printer.print(Slips.chinese("A012"));
        }

        EscPosReader printed = EscPosReader.read(Files.readAllBytes(device));
        assertThat(printed.line("A012").width()).isEqualTo(4);
        assertThat(printed.cuts()).isEqualTo(1);
    }

    @Test
    void print_missingDevice_printExceptionNamingTheDeviceAndNothingCreated() {
        Path device = dir.resolve("lp9");
        try (EscPosSlipPrinter printer = new EscPosSlipPrinter(
                () -> DeviceFileLink.open(device, true, TIMEOUT), 32, true, "USB")) {
            assertThatThrownBy(() -> printer.print(Slips.chinese("A012")))
                    .isInstanceOf(PrintException.class)
                    .hasMessageContaining(device + " does not exist");
            assertThat(printer.status().health().reason()).startsWith(device + " does not exist");
        }
        assertThat(device).doesNotExist();
    }
}
