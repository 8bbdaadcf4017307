package io.counterline.console.supervision;

import java.time.Instant;

/** One step in an order's history: who, when, what, the state after it and a note. */
public record OrderStep(long orderId, Instant at, String actor, String action, OrderState state, String owner,
                        String note) {
}
