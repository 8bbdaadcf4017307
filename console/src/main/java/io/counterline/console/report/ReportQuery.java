package io.counterline.console.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A report's period (business days, inclusive) and filters. Bounded where it enters: at most
 * {@value #MAX_DAYS} days.
 */
public record ReportQuery(LocalDate from, LocalDate to, Optional<String> teller, Optional<String> counter,
                          Optional<String> service) {
    public static final int MAX_DAYS = 400;

    public ReportQuery {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it begins (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days");
        }
        teller = teller.filter(s -> !s.isBlank());
        counter = counter.filter(s -> !s.isBlank());
        service = service.filter(s -> !s.isBlank());
    }

    public boolean matches(TicketFact t) {
        return teller.map(x -> x.equals(t.teller())).orElse(true)
                && counter.map(x -> x.equals(t.counter())).orElse(true)
                && service.map(x -> x.equals(t.service())).orElse(true);
    }

    public String periodText() {
        return from.equals(to) ? from.toString() : from + " – " + to;
    }
}
