package io.counterline.console.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.RatingLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {
    private static final Instant T0 = Instant.parse("2026-12-05T01:00:00Z");

    static TicketFact ticket(String id, String status, int waitSeconds, int serviceSeconds, String teller) {
        Instant called = waitSeconds < 0 ? null : T0.plusSeconds(waitSeconds);
        Instant started = called;
        Instant finished = "COMPLETED".equals(status) ? called.plusSeconds(serviceSeconds) : null;
        return new TicketFact(id, "2026-12-05", "A", id, T0, status, "c1", teller, called, started, finished, false);
    }

    static RatingFact rating(String ticket, RatingLevel level, String teller, Instant completed, Instant at) {
        return new RatingFact(ticket, "2026-12-05", "A", "c1", teller, level, at, completed);
    }

    @Test
    void waitPercentiles_areNearestRank() {
        List<TicketFact> tickets = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            tickets.add(ticket("A" + i, "COMPLETED", i * 10, 60, "t1"));
        }
        Figures f = Figures.of(tickets, List.of());
        assertThat(f.waitSeconds().n()).isEqualTo(10);
        assertThat(f.waitSeconds().mean()).isEqualTo(55.0);
        assertThat(f.waitSeconds().median()).isEqualTo(50.0); // rank ceil(0.5 * 10) = 5
        assertThat(f.waitSeconds().p90()).isEqualTo(90.0);    // rank ceil(0.9 * 10) = 9
        assertThat(f.serviceSeconds().median()).isEqualTo(60.0);
    }

    @Test
    void counts_satisfaction_andCoverage() {
        List<TicketFact> tickets = List.of(ticket("A1", "COMPLETED", 5, 60, "t1"), ticket("A2", "COMPLETED", 5, 60, "t1"),
                ticket("A3", "COMPLETED", 5, 60, "t1"), ticket("A4", "COMPLETED", 5, 60, "t1"),
                ticket("A5", "NO_SHOW", 5, 0, "t1"), ticket("A6", "VOIDED", -1, 0, null),
                ticket("A7", "WAITING", -1, 0, null));
        Instant done = T0.plusSeconds(65);
        Figures f = Figures.of(tickets, List.of(rating("A1", RatingLevel.VERY_SATISFIED, "t1", done, done.plusSeconds(5)),
                rating("A2", RatingLevel.SATISFIED, "t1", done, done.plusSeconds(5)),
                rating("A3", RatingLevel.DISSATISFIED, "t1", done, done.plusSeconds(5))));
        assertThat(f.issued()).isEqualTo(6); // the voided slip never reached a customer
        assertThat(f.served()).isEqualTo(4);
        assertThat(f.noShow()).isEqualTo(1);
        assertThat(f.rated()).isEqualTo(3);
        assertThat(f.satisfaction()).isEqualTo(2.0 / 3);
        assertThat(f.coverage()).isEqualTo(3.0 / 4);
        assertThat(ReportTables.percent(f.coverage())).isEqualTo("75.0%");
    }

    @Test
    void nothingRated_leavesSatisfactionUndefined() {
        Figures f = Figures.of(List.of(), List.of());
        assertThat(f.satisfaction()).isNaN();
        assertThat(ReportTables.percent(f.satisfaction())).isEqualTo("–");
    }
}
