package io.counterline.kiosk.printer;

import com.github.anastaciocintra.escpos.EscPos;
import com.github.anastaciocintra.escpos.EscPosConst.Justification;
import com.github.anastaciocintra.escpos.Style;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints slips on an ESC/POS thermal printer over any {@link PrinterLink}.
 *
 * <p>escpos-coffee only builds the bytes; this class owns the link (opened on first use,
 * dropped on any I/O failure and reopened on the next call), the Chinese mode and the status
 * reads. A slip is rendered completely before anything is sent and goes out in one write.
 *
 * <p>With {@code readStatus} on a two-way link, every slip is checked: status is read with
 * {@code DLE EOT} before (a printer that cannot print gets nothing) and after (a slip cut short
 * is reported). Without it, each slip goes over a link opened for it, and status is the last one
 * observed. After a slip fails to go out, status is read again at once (or, without status
 * reads, the link reopened), so the failure carries the printer's condition after it.
 */
public final class EscPosSlipPrinter implements SlipPrinter {
    private static final Logger log = LoggerFactory.getLogger(EscPosSlipPrinter.class);

    private static final byte[] CHINESE_ON = {0x1C, 0x26};  // FS &: select Kanji (Chinese) mode
    private static final byte[] CHINESE_OFF = {0x1C, 0x2E}; // FS .: cancel Kanji (Chinese) mode
    // GS V 66 n: feed to the cutting position (+ n motion units, here none) and cut partially.
    private static final byte[] CENTRE = {0x1B, 'a', 1};   // ESC a 1: centre what follows
    private static final byte[] FEED_AND_PARTIAL_CUT = {0x1D, 0x56, 66, 0};
    /** QR module size in dots (GS ( k fn 67): about 2 cm wide for a 20-character ticket id. */
    private static final int QR_MODULE_DOTS = 6;
    private static final int QR_MODEL_2 = 50;
    private static final int QR_ERROR_CORRECTION_M = 49;

    private final PrinterLink.Opener opener;
    private final int columns;
    private final boolean readStatus;
    private final String description;
    private PrinterLink link; // guarded by this
    private PrinterStatus lastKnown = PrinterStatus.READY; // guarded by this

    /**
     * @param opener      opens the link whenever none is open
     * @param columns     characters per line in normal size: 32 for 58 mm paper, 48 for 80 mm
     * @param readStatus  read status before and after each slip; the link must be two-way
     * @param description how the printer is attached, for logs and the test page
     */
    public EscPosSlipPrinter(PrinterLink.Opener opener, int columns, boolean readStatus, String description) {
        this.opener = opener;
        this.columns = columns;
        this.readStatus = readStatus;
        this.description = description;
    }

    @Override
    public synchronized void print(Slip slip) throws PrintException {
        send(render(SlipLayout.of(slip, columns)), "slip " + slip.number());
    }

    @Override
    public synchronized void printTestPage() throws PrintException {
        send(render(SlipLayout.testPage(columns, description)), "test page");
    }

    @Override
    public synchronized PrinterStatus status() {
        if (readStatus) {
            lastKnown = query(true);
        } else if (link == null) {
            lastKnown = probe();
        }
        return lastKnown;
    }

    @Override
    public synchronized void close() {
        drop();
    }

    private void send(byte[] bytes, String what) throws PrintException {
        if (readStatus) {
            lastKnown = query(true);
            if (!lastKnown.canPrint()) {
                throw new PrintException(what + " not printed: " + lastKnown.reason(), lastKnown);
            }
        } else {
            // Nothing tells a link the printer dropped (switched off and on) from a live one: a write
            // into a dead TCP connection succeeds here and is lost there. So each slip gets a link
            // opened for it; the status reads do that check when they are on.
            drop();
        }
        try {
            PrinterLink open = link != null ? link : (link = open());
            open.out().write(bytes);
            open.out().flush();
        } catch (IOException e) {
            drop();
            // Read again now rather than keep the write's error until the next poll: a printer that
            // is fine again, or out of paper, is known before the next customer touches the screen.
            lastKnown = readStatus ? query(false) : probe();
            throw new PrintException(what + " not printed or incomplete: " + e.getMessage(), lastKnown, e);
        }
        // Every byte is out. A printer that hangs up after a job (many network printers and print
        // servers do) printed it: the status is asked on a fresh connection, not taken as a failure.
        lastKnown = readStatus ? query(true) : PrinterStatus.READY;
        if (!lastKnown.canPrint()) {
            throw new PrintException(what + " may be incomplete: " + lastKnown.reason(), lastKnown);
        }
        log.debug("printed {} ({} bytes)", what, bytes.length);
    }

    /** Without status reads: whether a link opens, the only sign of the printer there is. */
    private PrinterStatus probe() {
        try {
            link = open();
            return PrinterStatus.READY;
        } catch (IOException e) {
            return PrinterStatus.offline(e.getMessage());
        }
    }

    /**
     * Reads the printer's status. A connection that was already open and fails may just be
     * stale (a network printer that restarted or hung up after a job), so with {@code retryStale}
     * it gets one fresh connection; only status requests go over it, so the retry cannot print a
     * slip twice.
     */
    private PrinterStatus query(boolean retryStale) {
        boolean wasOpen = link != null;
        try {
            if (link == null) {
                link = open();
            }
            Optional<InputStream> in = link.in();
            if (in.isEmpty()) {
                return PrinterStatus.error("printer link is write-only; set read-status = false");
            }
            return RealTimeStatus.read(in.get(), link.out());
        } catch (InterruptedIOException e) {
            return PrinterStatus.noAnswer();
        } catch (IOException e) {
            drop();
            return wasOpen && retryStale ? query(false) : PrinterStatus.offline(e.getMessage());
        }
    }

    private PrinterLink open() throws IOException {
        try {
            return opener.open();
        } catch (RuntimeException e) {
            // A native serial library or resolver failing unexpectedly is still just a
            // printer that cannot be reached; it must not take the kiosk down.
            throw new IOException("cannot open the printer link: " + e, e);
        }
    }

    private void drop() {
        if (link != null) {
            try {
                link.close();
            } catch (IOException e) {
                log.debug("closing the printer link failed", e);
            }
            link = null;
        }
    }

    private static byte[] render(SlipLayout layout) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EscPos escpos = new EscPos(bytes)) {
            escpos.setCharsetName(SlipText.GB18030.name());
            escpos.initializePrinter(); // ESC @: clear the buffer, reset print modes
            for (SlipLayout.Element element : layout.elements()) {
                if (element instanceof SlipLayout.Text text) {
                    boolean chinese = !SlipText.isAscii(text.text());
                    if (chinese) {
                        escpos.write(CHINESE_ON, 0, CHINESE_ON.length);
                    }
                    Style.FontSize size = fontSize(text.size());
                    // ESC E n (bold), GS ! n (size), ESC a n (justification), text, LF
                    escpos.writeLF(new Style().setBold(text.bold()).setFontSize(size, size)
                            .setJustification(text.centred() ? Justification.Center : Justification.Left_Default),
                            text.text());
                    if (chinese) {
                        escpos.write(CHINESE_OFF, 0, CHINESE_OFF.length);
                    }
                } else if (element instanceof SlipLayout.Qr qr) {
                    escpos.write(CENTRE, 0, CENTRE.length);
                    byte[] command = qrCode(qr.data());
                    escpos.write(command, 0, command.length);
                }
            }
            escpos.write(FEED_AND_PARTIAL_CUT, 0, FEED_AND_PARTIAL_CUT.length);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@code GS ( k} commands for one QR code: model 2, module size, error correction M, store the
     * data (fn 80), print it (fn 81). Built here rather than with escpos-coffee's {@code QRCode},
     * which sends the select-model byte {@code n1} one below the ESC/POS values (48 for model 1,
     * where 49 model 1, 50 model 2 and 51 micro QR are the only valid ones) and counts the data
     * in characters instead of bytes.
     */
    static byte[] qrCode(String data) {
        byte[] payload = data.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        qrFunction(out, 65, QR_MODEL_2, 0);                 // fn 65: select the model (n1, n2)
        qrFunction(out, 67, QR_MODULE_DOTS);                // fn 67: module size in dots
        qrFunction(out, 69, QR_ERROR_CORRECTION_M);         // fn 69: error correction level
        byte[] store = new byte[payload.length + 1];
        store[0] = 48;                                       // fn 80: m = 48, then the data
        System.arraycopy(payload, 0, store, 1, payload.length);
        qrFunction(out, 80, store);
        qrFunction(out, 81, 48);                             // fn 81: print the stored symbol
        return out.toByteArray();
    }

    private static void qrFunction(ByteArrayOutputStream out, int fn, int... parameters) {
        byte[] bytes = new byte[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            bytes[i] = (byte) parameters[i];
        }
        qrFunction(out, fn, bytes);
    }

    /** {@code GS ( k pL pH cn fn parameters}, where pL + 256 pH counts cn, fn and the parameters. */
    private static void qrFunction(ByteArrayOutputStream out, int fn, byte[] parameters) {
        int length = parameters.length + 2;
        out.write(0x1D);
        out.write('(');
        out.write('k');
        out.write(length & 0xFF);
        out.write(length >> 8);
        out.write(49); // cn 49: QR code
        out.write(fn);
        out.writeBytes(parameters);
    }

    private static Style.FontSize fontSize(SlipLayout.Size size) {
        return switch (size) {
            case NORMAL -> Style.FontSize._1;
            case DOUBLE -> Style.FontSize._2;
            case QUAD -> Style.FontSize._4;
        };
    }
}
