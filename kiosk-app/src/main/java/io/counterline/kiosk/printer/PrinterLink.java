package io.counterline.kiosk.printer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The wire to a printer: a USB device file, a serial port or a TCP connection. The ESC/POS code
 * sees only the streams, so it runs the same on a Pi, a laptop and in a test.
 */
public interface PrinterLink extends Closeable {

    /** Bytes to the printer. Writes fail with an {@link IOException} when the link is broken. */
    OutputStream out();

    /**
     * Bytes from the printer, present on two-way links. A read with nothing to read gives up
     * after the link's read timeout by throwing {@link java.io.InterruptedIOException}, so a
     * silent printer can never hang the caller; end of stream means the printer went away.
     */
    Optional<InputStream> in();

    /** Opens a link; the exception's message names the device and what to check. */
    @FunctionalInterface
    interface Opener {
        PrinterLink open() throws IOException;
    }
}
