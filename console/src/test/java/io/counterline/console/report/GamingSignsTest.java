package io.counterline.console.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.console.auth.Scope;
import io.counterline.protocol.RatingLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GamingSignsTest {
    private static final ReportQuery DAY = new ReportQuery(LocalDate.parse("2026-12-05"), LocalDate.parse("2026-12-05"),
            Optional.empty(), Optional.empty(), Optional.empty());

    @Test
    void ratingsPressedAtOnceAndInBursts_areFlagged_honestOnesNot() {
        List<TicketFact> tickets = new ArrayList<>();
        List<RatingFact> ratings = new ArrayList<>();
        Instant t = Instant.parse("2026-12-05T01:00:00Z");
        for (int i = 0; i < 10; i++) {
            // t1: one customer every 5 minutes, rating 8 s after completion.
            Instant done = t.plusSeconds(300L * i);
            tickets.add(new TicketFact("h" + i, "2026-12-05", "A", "A" + i, done.minusSeconds(200), "COMPLETED", "c1",
                    "t1", done.minusSeconds(120), done.minusSeconds(120), done, false));
            ratings.add(new RatingFact("h" + i, "2026-12-05", "A", "c1", "t1", RatingLevel.SATISFIED,
                    done.plusSeconds(8), done));
            // t2: the key pressed 0.3 s after completion, four within a minute.
            Instant done2 = t.plusSeconds(15L * i);
            tickets.add(new TicketFact("g" + i, "2026-12-05", "A", "B" + i, done2.minusSeconds(200), "COMPLETED", "c2",
                    "t2", done2.minusSeconds(20), done2.minusSeconds(20), done2, false));
            ratings.add(new RatingFact("g" + i, "2026-12-05", "A", "c2", "t2", RatingLevel.VERY_SATISFIED,
                    done2.plusMillis(300), done2));
        }
        PeriodReport r = PeriodReport.build(DAY, Scope.BRANCH, ZoneId.of("Asia/Shanghai"), tickets, ratings);
        GamingSigns honest = r.gaming().stream().filter(g -> g.teller().equals("t1")).findFirst().orElseThrow();
        GamingSigns gamed = r.gaming().stream().filter(g -> g.teller().equals("t2")).findFirst().orElseThrow();
        assertThat(honest.flags()).isEmpty();
        assertThat(honest.delayBuckets()).containsExactly(0, 0, 10, 0, 0);
        assertThat(gamed.flags()).containsExactly("fast", "burst");
        assertThat(gamed.fast()).isEqualTo(10);
        assertThat(gamed.delayBuckets()[0]).isEqualTo(10);
    }

    @Test
    void aScopedUser_seesOnlyTicketsOfTheirCountersOrServices() {
        Instant t = Instant.parse("2026-12-05T01:00:00Z");
        List<TicketFact> tickets = List.of(
                new TicketFact("x1", "2026-12-05", "A", "A1", t, "COMPLETED", "c1", "t1", t, t, t.plusSeconds(60), false),
                new TicketFact("x2", "2026-12-05", "B", "B1", t, "COMPLETED", "c2", "t2", t, t, t.plusSeconds(60), false));
        PeriodReport r = PeriodReport.build(DAY, Scope.parse("counters=c2"), ZoneId.of("Asia/Shanghai"), tickets,
                List.of());
        assertThat(r.total().issued()).isEqualTo(1);
        assertThat(r.byTeller()).containsOnlyKeys("t2");
    }
}
