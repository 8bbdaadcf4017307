package io.counterline.console.report;

import io.counterline.protocol.RatingLevel;
import java.time.Instant;

/**
 * One rating with the completion of the ticket it rates.
 *
 * @param completedAt when the teller completed the ticket (which armed the pad); null if unknown
 */
public record RatingFact(String ticket, String day, String service, String counter, String teller, RatingLevel level,
                         Instant at, Instant completedAt) {
}
