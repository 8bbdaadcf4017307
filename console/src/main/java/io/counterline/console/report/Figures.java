package io.counterline.console.report;

import io.counterline.protocol.RatingLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;


/**
 * The figures of one group of tickets (a period, a teller, a day...). Definitions, also in
 * docs/console.md:
 * <ul>
 *   <li>issued: tickets not voided (a voided ticket's slip never printed);</li>
 *   <li>served: COMPLETED; no-show: NO_SHOW; transferred: transferred at least once;</li>
 *   <li>wait: called − issued, over tickets that were called; service time: finished − started
 *       (or − called when never started) over served tickets; in seconds;</li>
 *   <li>mean; median and p90 by nearest rank: the value at rank ⌈p·n⌉ of the sorted values;</li>
 *   <li>satisfaction = (very satisfied + satisfied) / rated; coverage = rated / served.</li>
 * </ul>
 */
public record Figures(int issued, int served, int noShow, int transferred, Stat waitSeconds, Stat serviceSeconds,
                      Map<RatingLevel, Integer> ratings, int rated) {

    /** Mean, median and 90th percentile of a list of durations in seconds; n = 0 means none. */
    public record Stat(int n, double mean, double median, double p90) {
        static final Stat NONE = new Stat(0, 0, 0, 0);

        static Stat of(List<Double> values) {
            if (values.isEmpty()) {
                return NONE;
            }
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            double sum = 0;
            for (double v : sorted) {
                sum += v;
            }
            return new Stat(sorted.size(), sum / sorted.size(), rank(sorted, 0.5), rank(sorted, 0.9));
        }

        /** Nearest rank: the value at 1-based rank ⌈p·n⌉. */
        static double rank(List<Double> sorted, double p) {
            int r = (int) Math.ceil(p * sorted.size());
            return sorted.get(Math.max(1, r) - 1);
        }
    }

    public static Figures of(Collection<TicketFact> tickets, Collection<RatingFact> ratings) {
        int issued = 0;
        int served = 0;
        int noShow = 0;
        int transferred = 0;
        List<Double> waits = new ArrayList<>();
        List<Double> services = new ArrayList<>();
        for (TicketFact t : tickets) {
            if ("VOIDED".equals(t.status())) {
                continue;
            }
            issued++;
            if (t.transferred()) {
                transferred++;
            }
            if ("NO_SHOW".equals(t.status())) {
                noShow++;
            }
            if (t.calledAt() != null) {
                waits.add(seconds(Duration.between(t.issuedAt(), t.calledAt())));
            }
            if (t.completed()) {
                served++;
                java.time.Instant start = t.startedAt() != null ? t.startedAt() : t.calledAt();
                if (start != null && t.finishedAt() != null) {
                    services.add(seconds(Duration.between(start, t.finishedAt())));
                }
            }
        }
        Map<RatingLevel, Integer> levels = new EnumMap<>(RatingLevel.class);
        for (RatingLevel l : RatingLevel.values()) {
            levels.put(l, 0);
        }
        ratings.forEach(r -> levels.merge(r.level(), 1, Integer::sum));
        return new Figures(issued, served, noShow, transferred, Stat.of(waits), Stat.of(services), levels,
                ratings.size());
    }

    /** (very satisfied + satisfied) / rated; NaN when nothing was rated. */
    public double satisfaction() {
        return rated == 0 ? Double.NaN : (double) positive() / rated;
    }

    /** rated / served; NaN when nothing was served. */
    public double coverage() {
        return served == 0 ? Double.NaN : (double) rated / served;
    }

    public int positive() {
        return ratings.get(RatingLevel.VERY_SATISFIED) + ratings.get(RatingLevel.SATISFIED);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
