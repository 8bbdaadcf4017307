package io.counterline.kiosk.printer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads a printer's condition with ESC/POS real-time status requests, {@code DLE EOT n}
 * (10 04 n), which the printer answers at once with one byte even while it is offline or
 * its buffer is full. Bits as in Epson's ESC/POS command reference.
 */
final class RealTimeStatus {
    static final int PRINTER = 1;
    static final int OFFLINE_CAUSE = 2;
    static final int ERROR_CAUSE = 3;
    static final int PAPER_SENSOR = 4;

    /**
     * Every status byte has bits 1 and 4 set and bits 0 and 7 clear (0xx1xx10). Anything else
     * is not an answer to us: XON/XOFF (0x11, 0x13) on a serial line, or automatic status back.
     */
    private static final int FIXED_MASK = 0x93;
    private static final int FIXED_BITS = 0x12;
    /** More stray bytes than this before an answer means the printer is not speaking ESC/POS. */
    private static final int MAX_STRAY_BYTES = 32;

    private RealTimeStatus() {
    }

    /**
     * Asks all four statuses and decodes them. A silent printer surfaces as the link's
     * {@link java.io.InterruptedIOException}; a closed link as another {@link IOException}.
     */
    static PrinterStatus read(InputStream in, OutputStream out) throws IOException {
        // A late answer to an earlier, timed-out request would be taken for this one's.
        while (in.available() > 0 && in.read() >= 0) {
            // discard
        }
        return decode(ask(in, out, PRINTER), ask(in, out, OFFLINE_CAUSE),
                ask(in, out, ERROR_CAUSE), ask(in, out, PAPER_SENSOR));
    }

    private static int ask(InputStream in, OutputStream out, int n) throws IOException {
        out.write(new byte[] {0x10, 0x04, (byte) n}); // DLE EOT n: transmit real-time status
        out.flush();
        for (int stray = 0; stray <= MAX_STRAY_BYTES; stray++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the printer closed the connection");
            }
            if ((b & FIXED_MASK) == FIXED_BITS) {
                return b;
            }
        }
        throw new IOException("the printer answers DLE EOT " + n + " with bytes that are not ESC/POS "
                + "status - check the baud rate and that it is an ESC/POS printer");
    }

    /** Decodes the answers to {@code DLE EOT 1..4}; the worst condition wins. */
    static PrinterStatus decode(int printer, int offlineCause, int errorCause, int paperSensor) {
        if ((offlineCause & 0x04) != 0) { // n=2 bit 2: cover open
            return PrinterStatus.coverOpen();
        }
        // n=4 bits 5-6: paper roll end sensor; n=2 bit 5: printing stopped at paper end
        if ((paperSensor & 0x60) != 0 || (offlineCause & 0x20) != 0) {
            return PrinterStatus.paperOut();
        }
        if ((errorCause & 0x08) != 0) { // n=3 bit 3: unrecoverable error
            return PrinterStatus.error("unrecoverable printer error - switch the printer off and on; "
                    + "if it persists, it needs service");
        }
        if ((errorCause & 0x04) != 0) { // n=3 bit 2: autocutter error
            return PrinterStatus.error("cutter error - open the cover and clear the paper jam");
        }
        if ((errorCause & 0x20) != 0) { // n=3 bit 5: automatically recoverable (head hot)
            return PrinterStatus.error("print head too hot - printing resumes when it has cooled");
        }
        // n=1 bit 3: offline; n=2 bit 6: an error occurred
        if ((printer & 0x08) != 0 || (offlineCause & 0x40) != 0) {
            return PrinterStatus.offline("printer reports offline - check the paper and cover");
        }
        if ((paperSensor & 0x0C) != 0) { // n=4 bits 2-3: paper roll near end
            return PrinterStatus.paperNearEnd();
        }
        return PrinterStatus.READY;
    }
}
