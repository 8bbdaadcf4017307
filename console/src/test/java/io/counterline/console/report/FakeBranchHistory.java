package io.counterline.console.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A branch history held in memory, for tests of the console alone (the real one reads branch.db). */
public final class FakeBranchHistory implements BranchHistory {
    private final List<TicketFact> tickets;
    private final List<RatingFact> ratings;

    public FakeBranchHistory(List<TicketFact> tickets, List<RatingFact> ratings) {
        this.tickets = List.copyOf(tickets);
        this.ratings = List.copyOf(ratings);
    }

    public static FakeBranchHistory empty() {
        return new FakeBranchHistory(List.of(), List.of());
    }

    @Override
    public List<TicketFact> tickets(LocalDate from, LocalDate to) {
        return tickets.stream().filter(t -> !LocalDate.parse(t.day()).isBefore(from)
                && !LocalDate.parse(t.day()).isAfter(to)).toList();
    }

    @Override
    public List<RatingFact> ratings(LocalDate from, LocalDate to) {
        return ratings.stream().filter(r -> !LocalDate.parse(r.day()).isBefore(from)
                && !LocalDate.parse(r.day()).isAfter(to)).toList();
    }

    @Override
    public Optional<RatingFact> rating(String ticket) {
        return ratings.stream().filter(r -> r.ticket().equals(ticket)).findFirst();
    }
}
