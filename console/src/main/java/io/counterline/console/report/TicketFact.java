package io.counterline.console.report;

import java.time.Instant;

/**
 * One ticket as reports need it, read from the branch store.
 *
 * @param status      the engine's status name: WAITING, CALLED, SERVING, COMPLETED, NO_SHOW, EXPIRED, VOIDED
 * @param transferred whether it was transferred at least once (its service is the last one)
 */
public record TicketFact(String id, String day, String service, String number, Instant issuedAt, String status,
                         String counter, String teller, Instant calledAt, Instant startedAt, Instant finishedAt,
                         boolean transferred) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
