package io.counterline.server.store;

/** The store could not read or commit; the message says what and why. */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
