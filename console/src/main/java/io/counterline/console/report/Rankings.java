package io.counterline.console.report;

import io.counterline.protocol.RatingLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A month's star ranking of tellers by the Wilson score lower bound (95%, z = 1.96) of their
 * satisfaction, so that 9 of 9 does not outrank 190 of 200. Tellers with fewer than
 * {@value #MIN_RATINGS} ratings are listed apart, unranked; n is always shown.
 */
public record Rankings(List<Row> ranked, List<Row> tooFew) {
    public static final int MIN_RATINGS = 30;
    private static final double Z = 1.96;

    /** @param stars 1..5 from the lower bound: ≥0.95 five, ≥0.90 four, ≥0.80 three, ≥0.60 two, else one */
    public record Row(int rank, String teller, int n, int positive, double satisfaction, double lowerBound, int stars) {
    }

    public static Rankings of(List<RatingFact> ratings, int minRatings) {
        Map<String, int[]> counts = new TreeMap<>();
        for (RatingFact r : ratings) {
            int[] c = counts.computeIfAbsent(r.teller(), k -> new int[2]);
            c[0]++;
            if (r.level() == RatingLevel.VERY_SATISFIED || r.level() == RatingLevel.SATISFIED) {
                c[1]++;
            }
        }
        List<Row> ranked = new ArrayList<>();
        List<Row> few = new ArrayList<>();
        counts.forEach((teller, c) -> {
            double lb = wilsonLowerBound(c[1], c[0]);
            Row row = new Row(0, teller, c[0], c[1], (double) c[1] / c[0], lb, stars(lb));
            (c[0] >= minRatings ? ranked : few).add(row);
        });
        ranked.sort(Comparator.comparingDouble(Row::lowerBound).reversed().thenComparing(Row::teller));
        List<Row> numbered = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Row r = ranked.get(i);
            numbered.add(new Row(i + 1, r.teller(), r.n(), r.positive(), r.satisfaction(), r.lowerBound(), r.stars()));
        }
        few.sort(Comparator.comparingInt(Row::n).reversed().thenComparing(Row::teller));
        return new Rankings(numbered, few);
    }

    /** (p̂ + z²/2n − z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). */
    public static double wilsonLowerBound(int positive, int n) {
        if (n == 0) {
            return 0;
        }
        double p = (double) positive / n;
        double z2 = Z * Z;
        return (p + z2 / (2 * n) - Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n))) / (1 + z2 / n);
    }

    static int stars(double lb) {
        return lb >= 0.95 ? 5 : lb >= 0.90 ? 4 : lb >= 0.80 ? 3 : lb >= 0.60 ? 2 : 1;
    }
}
