package io.counterline.server.queue;

import io.counterline.protocol.Bodies;

/**
 * Where a counter caller's {@code order.create} goes: the console's work orders, when the server
 * runs a console (docs/supervision.md). Called on the engine thread, once per request id that
 * was not answered before; an implementation must be idempotent by {@link AtCounter#requestKey}
 * itself, because its store is not the engine's: an order stored whose answer the engine then
 * failed to store is found again, not created twice, when the device asks again.
 */
public interface CounterOrders {
    /** A server without a console takes no work orders. */
    CounterOrders NONE = (at, order) -> {
        throw new Unavailable("work orders need the console (console.listen in the branch file)");
    };

    /**
     * What the engine knows of the counter when the request is acted on.
     *
     * @param requestKey   "{device}/{request id}": the same for every copy of the request
     * @param ticketId     the ticket called or being served here, else the one this teller last
     *                     finished here within {@link RequestDispatcher#RECENT_CUSTOMER}; null if none
     * @param ticketNumber that ticket's number ("A012"), or null
     */
    record AtCounter(String requestKey, String device, String counter, String teller, String ticketId,
                     String ticketNumber) {
    }

    /**
     * Creates the order, or finds the one created for the same request key.
     *
     * @throws IllegalArgumentException a field refused (an unknown category); nothing stored
     * @throws Unavailable              the order could not be stored now; asking again is safe
     */
    Bodies.OrderCreated create(AtCounter at, Bodies.NewOrder order);

    /** The order could not be stored now. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
