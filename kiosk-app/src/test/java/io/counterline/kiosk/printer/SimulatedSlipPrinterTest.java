package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedSlipPrinterTest {
    @TempDir
    Path dir;

    @Test
    void print_slip_writesAPngAsWideAsThePaperWithAReadableQrCode() throws Exception {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        SimulatedSlipPrinter printer = new SimulatedSlipPrinter(dir.resolve("slips"), 32);

        printer.print(Slips.chinese("A012"));

        Path file = dir.resolve("slips/slip-A012.png");
        assertThat(printer.lastImage()).contains(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(384); // 58 mm paper: 32 columns of 12 dots
        assertThat(image.getHeight()).isBetween(400, 1200);
        assertThat(darkPixels(image)).isGreaterThan(image.getWidth() * image.getHeight() / 50);
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String qr = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), rgb)))).getText();
        assertThat(qr).isEqualTo("T-20261122-A012");
    }

    @Test
    void print_paperOutSimulated_refusedUntilReloaded() throws Exception {
        SimulatedSlipPrinter printer = new SimulatedSlipPrinter(dir, 48);
        printer.simulatePaperOut(true);

        assertThatThrownBy(() -> printer.print(Slips.chinese("A012")))
                .isInstanceOf(PrintException.class).hasMessageContaining("paper out");
        assertThat(printer.status().health().reason()).isEqualTo("paper out - load a new roll");
        assertThat(printer.lastImage()).isEmpty();

        printer.simulatePaperOut(false);
        printer.printTestPage();
        assertThat(ImageIO.read(dir.resolve("test-page.png").toFile()).getWidth()).isEqualTo(576);
    }

    @Test
    void print_unsafeNumber_staysInsideTheFolder() throws Exception {
        SimulatedSlipPrinter printer = new SimulatedSlipPrinter(dir, 32);
        Slip slip = Slips.chinese("A012");

        printer.print(new Slip(slip.branchName(), slip.serviceNameZh(), slip.serviceNameEn(), "../A1",
                1, 1, slip.issuedAt(), "T-1", false, slip.footer()));

        assertThat(printer.lastImage()).contains(dir.resolve("slip-___A1.png"));
    }

    private static long darkPixels(BufferedImage image) {
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
