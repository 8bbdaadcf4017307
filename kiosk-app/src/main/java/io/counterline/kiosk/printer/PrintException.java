package io.counterline.kiosk.printer;

/**
 * A slip was not printed, or may be incomplete. The message says which and why; {@link #status()}
 * is the printer's condition that caused it, for the device's health and the "slip failed"
 * event.
 */
public class PrintException extends Exception {
    private static final long serialVersionUID = 1L;

    private final PrinterStatus status;

    public PrintException(String message, PrinterStatus status) {
        super(message);
        this.status = status;
    }

    public PrintException(String message, PrinterStatus status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public PrinterStatus status() {
        return status;
    }
}
