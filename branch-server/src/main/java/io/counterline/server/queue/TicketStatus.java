package io.counterline.server.queue;

/** Where a ticket is in its life. Only WAITING tickets can be called. */
public enum TicketStatus {
    WAITING, CALLED, SERVING, COMPLETED, NO_SHOW, EXPIRED, VOIDED;

    public boolean isOpen() {
        return this == WAITING || this == CALLED || this == SERVING;
    }
}
