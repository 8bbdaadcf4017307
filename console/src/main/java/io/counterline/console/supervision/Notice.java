package io.counterline.console.supervision;

import java.time.Instant;

/** A reminder or supervision notice the escalator raised, once per order, round and level. */
public record Notice(long id, String key, long orderId, EscalationLevel level, String recipient, Instant dueAt,
                     Instant raisedAt) {
}
