package io.counterline.console.report;

import java.time.LocalDate;
import java.util.List;

/**
 * The branch's committed tickets and ratings, read-only. The branch server reads its SQLite store
 * ({@link SqliteBranchHistory}); a head office would read PostgreSQL.
 */
public interface BranchHistory {

    /** Tickets of the business days {@code from}..{@code to} inclusive. */
    List<TicketFact> tickets(LocalDate from, LocalDate to) throws HistoryException;

    /** Ratings of tickets of the business days {@code from}..{@code to} inclusive. */
    List<RatingFact> ratings(LocalDate from, LocalDate to) throws HistoryException;

    /** The rating of one ticket, if it has one (to show a rating as it arrives). */
    java.util.Optional<RatingFact> rating(String ticket) throws HistoryException;

    /** The store could not be read. */
    final class HistoryException extends Exception {
        public HistoryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
