package io.counterline.outbox;

/** The outbox could not take or give an event; the message says why and what to check. */
public class OutboxException extends Exception {
    private static final long serialVersionUID = 1L;

    public OutboxException(String message) {
        super(message);
    }

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
