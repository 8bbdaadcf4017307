package io.counterline.console.supervision;

import java.time.Instant;

/**
 * A work order as stored. Optional links are null when absent.
 *
 * @param contact the customer's contact, "" when none; shown only to {@link WorkOrders#seesContact}
 * @param teller  the teller the order is about (never its owner)
 * @param owner   the console login who must answer it, null until assigned
 * @param round   1, then one more at each reopening (the escalator's notices are per round)
 */
public record WorkOrder(long id, String category, String channel, OrderState state, String priority,
                        String description, String contact, String ticket, String rating, String counter, String teller,
                        String owner, Instant deadline, int round, String createdBy, Instant createdAt,
                        Instant answeredAt, Instant closedAt) {
}
