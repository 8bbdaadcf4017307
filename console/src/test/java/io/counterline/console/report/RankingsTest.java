package io.counterline.console.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.counterline.protocol.RatingLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingsTest {

    @Test
    void wilsonLowerBound_matchesTheFormula() {
        // 9 of 9: the bound is far below 100%; 190 of 200 ranks above it.
        assertThat(Rankings.wilsonLowerBound(9, 9)).isCloseTo(0.7008, within(0.0001));
        assertThat(Rankings.wilsonLowerBound(190, 200)).isCloseTo(0.9104, within(0.0001));
        assertThat(Rankings.wilsonLowerBound(0, 0)).isZero();
    }

    @Test
    void tellersWithTooFewRatings_areListedApart_withTheirN() {
        List<RatingFact> ratings = new ArrayList<>();
        add(ratings, "t1", 40, 38);
        add(ratings, "t2", 100, 99);
        add(ratings, "t3", 5, 5);
        Rankings r = Rankings.of(ratings, Rankings.MIN_RATINGS);
        assertThat(r.ranked()).extracting(Rankings.Row::teller).containsExactly("t2", "t1");
        assertThat(r.ranked()).extracting(Rankings.Row::rank).containsExactly(1, 2);
        assertThat(r.ranked()).extracting(Rankings.Row::n).containsExactly(100, 40);
        assertThat(r.tooFew()).extracting(Rankings.Row::teller, Rankings.Row::n)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("t3", 5));
    }

    private static void add(List<RatingFact> into, String teller, int n, int positive) {
        Instant at = Instant.parse("2026-12-05T01:00:00Z");
        for (int i = 0; i < n; i++) {
            into.add(new RatingFact(teller + "-" + i, "2026-12-05", "A", "c1", teller,
                    i < positive ? RatingLevel.SATISFIED : RatingLevel.DISSATISFIED, at, at));
        }
    }
}
