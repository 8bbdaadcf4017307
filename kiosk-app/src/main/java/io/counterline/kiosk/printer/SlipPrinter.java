package io.counterline.kiosk.printer;

import java.io.Closeable;

/**
 * Prints queue slips on the kiosk's slip printer.
 *
 * <p>Threading: call from one worker thread, never from a JavaFX or MQTT callback thread:
 * {@link #print} and {@link #status} talk to the printer and may block for the status
 * timeout (typically 500 ms) or, while a slip is sent, for as long as the link takes to carry
 * it. Implementations serialise calls, so a status poll from another thread waits for a slip
 * in progress instead of interleaving with it.
 *
 * <p>Failures never escape as anything but {@link PrintException} or a status: a missing
 * device, a refused connection or a printer switched off mid-slip leave the printer usable,
 * and the next call tries the link again.
 */
public interface SlipPrinter extends Closeable {

    /**
     * Prints one slip and cuts it off. Where the printer can be asked (a two-way link), its
     * status is read before the slip is sent and the slip is refused, without sending anything,
     * when the printer cannot print; it is read again afterwards so a slip cut short is reported.
     *
     * @throws PrintException the slip was not printed or may be incomplete; its status names
     *                        the cause (paper out, cover open, offline, no answer, I/O error)
     */
    void print(Slip slip) throws PrintException;

    /**
     * The printer's current condition, read from the printer where the link is two-way,
     * otherwise the last one observed (ready until a write fails). Never throws.
     */
    PrinterStatus status();

    /** Prints a test page: Chinese and ASCII samples, a column ruler and a QR code. */
    void printTestPage() throws PrintException;

    /** Releases the link; never throws. */
    @Override
    void close();
}
