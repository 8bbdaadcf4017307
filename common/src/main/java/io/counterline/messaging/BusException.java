package io.counterline.messaging;

/** A message could not be handed to the broker; it was not sent. */
public class BusException extends Exception {
    private static final long serialVersionUID = 1L;

    public BusException(String message) {
        super(message);
    }

    public BusException(String message, Throwable cause) {
        super(message, cause);
    }
}
