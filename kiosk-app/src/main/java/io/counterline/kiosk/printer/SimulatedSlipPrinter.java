package io.counterline.kiosk.printer;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slip printer for demos and tests without hardware: draws each slip as a PNG the size of
 * a thermal printer's output (12 dots per column, so 384 or 576 dots wide) into a folder, as
 * {@code slip-<number>.png}. Its status is whatever was last simulated.
 *
 * <p>Uses only {@link BufferedImage}, so it works with {@code java.awt.headless=true}. Chinese
 * needs a CJK font (WenQuanYi Micro Hei, package fonts-wqy-microhei); without one the slip is
 * still written, with boxes for Chinese, and a warning is logged.
 */
public final class SimulatedSlipPrinter implements SlipPrinter {
    private static final Logger log = LoggerFactory.getLogger(SimulatedSlipPrinter.class);

    static final String CJK_FONT = "WenQuanYi Micro Hei";
    /** A printer's normal character cell is 12×24 dots. */
    private static final int DOTS_PER_COLUMN = 12;
    private static final int LINE_DOTS = 24;
    private static final int LINE_GAP = 6;
    private static final int QR_MODULE_DOTS = 6;

    private final Path outputDir;
    private final int columns;
    private final String fontFamily;
    private volatile PrinterStatus simulated = PrinterStatus.READY;
    private volatile Path lastImage;

    /** Writes images to {@code outputDir}, created when needed, for paper {@code columns} wide. */
    public SimulatedSlipPrinter(Path outputDir, int columns) {
        this.outputDir = outputDir;
        this.columns = columns;
        this.fontFamily = chooseFont();
    }

    @Override
    public synchronized void print(Slip slip) throws PrintException {
        String name = "slip-" + slip.number().replaceAll("[^A-Za-z0-9_-]", "_") + ".png";
        draw(SlipLayout.of(slip, columns), name, "slip " + slip.number());
    }

    @Override
    public synchronized void printTestPage() throws PrintException {
        draw(SlipLayout.testPage(columns, "simulated printer, " + columns + " columns"),
                "test-page.png", "test page");
    }

    @Override
    public PrinterStatus status() {
        return simulated;
    }

    /** Makes the printer report {@code status} from now on; callable from any thread. */
    public void simulate(PrinterStatus status) {
        simulated = status;
    }

    /** Simulates taking the paper roll out ({@code true}) or loading a new one. */
    public void simulatePaperOut(boolean out) {
        simulate(out ? PrinterStatus.paperOut() : PrinterStatus.READY);
    }

    /** The image of the last slip or test page printed, if any. */
    public Optional<Path> lastImage() {
        return Optional.ofNullable(lastImage);
    }

    @Override
    public void close() {
        // Nothing to release: every image is written and closed when printed.
    }

    private void draw(SlipLayout layout, String fileName, String what) throws PrintException {
        PrinterStatus status = simulated;
        if (!status.canPrint()) {
            throw new PrintException(what + " not printed: " + status.reason(), status);
        }
        BufferedImage image = render(layout);
        Path file = outputDir.resolve(fileName);
        try {
            Files.createDirectories(outputDir);
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            PrinterStatus failed = PrinterStatus.offline("cannot write " + file + ": " + e.getMessage());
            throw new PrintException(what + " not printed: " + failed.reason(), failed, e);
        }
        lastImage = file;
        log.info("printed {} to {}", what, file);
    }

    private BufferedImage render(SlipLayout layout) {
        int width = columns * DOTS_PER_COLUMN;
        List<Object> drawn = new ArrayList<>();
        int height = LINE_GAP;
        for (SlipLayout.Element element : layout.elements()) {
            if (element instanceof SlipLayout.Text text) {
                drawn.add(text);
                height += LINE_DOTS * text.size().factor + LINE_GAP;
            } else if (element instanceof SlipLayout.Qr qr) {
                BitMatrix matrix = qr(qr.data());
                drawn.add(matrix);
                height += matrix.getHeight() * QR_MODULE_DOTS + LINE_GAP;
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int y = LINE_GAP;
            for (Object part : drawn) {
                if (part instanceof SlipLayout.Text text) {
                    int size = LINE_DOTS * text.size().factor;
                    g.setFont(new Font(fontFamily, text.bold() ? Font.BOLD : Font.PLAIN, size));
                    FontMetrics metrics = g.getFontMetrics();
                    int x = text.centred() ? Math.max(0, (width - metrics.stringWidth(text.text())) / 2) : 0;
                    g.drawString(text.text(), x, y + metrics.getAscent());
                    y += size + LINE_GAP;
                } else {
                    BitMatrix matrix = (BitMatrix) part;
                    int x0 = (width - matrix.getWidth() * QR_MODULE_DOTS) / 2;
                    for (int row = 0; row < matrix.getHeight(); row++) {
                        for (int col = 0; col < matrix.getWidth(); col++) {
                            if (matrix.get(col, row)) {
                                g.fillRect(x0 + col * QR_MODULE_DOTS, y + row * QR_MODULE_DOTS,
                                        QR_MODULE_DOTS, QR_MODULE_DOTS);
                            }
                        }
                    }
                    y += matrix.getHeight() * QR_MODULE_DOTS + LINE_GAP;
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static BitMatrix qr(String data) {
        try {
            // Size 0 asks for one dot per module; the quiet zone of 2 modules frames it.
            return new QRCodeWriter().encode(data, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode '" + data + "' as a QR code", e);
        }
    }

    private static String chooseFont() {
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        if (Arrays.asList(families).contains(CJK_FONT)) {
            return CJK_FONT;
        }
        log.warn("font '{}' not found: Chinese on simulated slips shows as boxes - install fonts-wqy-microhei",
                CJK_FONT);
        return Font.SANS_SERIF;
    }
}
