package io.counterline.outbox;

/**
 * The outbox holds as many unacknowledged events as it may; the new event was refused, not
 * dropped. It clears when the server acknowledges what is waiting.
 */
public final class OutboxFullException extends OutboxException {
    private static final long serialVersionUID = 1L;

    public OutboxFullException(int capacity) {
        super("outbox full: " + capacity + " events wait for the server's acknowledgement; new event refused");
    }
}
