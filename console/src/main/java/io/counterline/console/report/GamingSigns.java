package io.counterline.console.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Signs that a teller's ratings may not come from customers, shown to a supervisor, never used
 * to hide or drop a rating:
 * <ul>
 *   <li>coverage: rated / served (a teller offering the pad only to happy customers has low coverage);</li>
 *   <li>time from completing the ticket (which arms the pad) to the key press, in buckets
 *       {@link #BUCKET_LABELS};</li>
 *   <li>fast: pressed less than {@value #FAST_MILLIS} ms after completion, before a customer can
 *       have turned to the pad;</li>
 *   <li>burst: {@value #BURST_SIZE} or more of the teller's ratings within {@value #BURST_SECONDS} s,
 *       shorter than any real sequence of served customers.</li>
 * </ul>
 * Flagged when fast or burst ratings are at least {@value #FLAG_SHARE_PERCENT}% of the ratings
 * (and at least 3), or coverage is under 50% with at least 20 served.
 */
public record GamingSigns(String teller, int served, int rated, double coverage, int[] delayBuckets, int fast,
                          int inBursts, List<String> flags) {
    public static final String[] BUCKET_LABELS = {"<1s", "1-3s", "3-10s", "10-30s", ">=30s"};
    private static final long[] BUCKET_UPPER_MILLIS = {1000, 3000, 10_000, 30_000, Long.MAX_VALUE};
    public static final long FAST_MILLIS = 1000;
    public static final int BURST_SIZE = 3;
    public static final int BURST_SECONDS = 60;
    public static final int FLAG_SHARE_PERCENT = 20;

    public boolean flagged() {
        return !flags.isEmpty();
    }

    static GamingSigns of(String teller, Figures figures, List<RatingFact> ratings) {
        int[] buckets = new int[BUCKET_LABELS.length];
        int fast = 0;
        for (RatingFact r : ratings) {
            if (r.completedAt() == null) {
                continue;
            }
            long ms = Math.max(0, Duration.between(r.completedAt(), r.at()).toMillis());
            for (int i = 0; i < BUCKET_UPPER_MILLIS.length; i++) {
                if (ms < BUCKET_UPPER_MILLIS[i]) {
                    buckets[i]++;
                    break;
                }
            }
            if (ms < FAST_MILLIS) {
                fast++;
            }
        }
        List<RatingFact> sorted = new ArrayList<>(ratings);
        sorted.sort(Comparator.comparing(RatingFact::at));
        boolean[] inBurst = new boolean[sorted.size()];
        for (int i = 0; i + BURST_SIZE - 1 < sorted.size(); i++) {
            RatingFact last = sorted.get(i + BURST_SIZE - 1);
            if (Duration.between(sorted.get(i).at(), last.at()).getSeconds() < BURST_SECONDS) {
                for (int j = i; j < i + BURST_SIZE; j++) {
                    inBurst[j] = true;
                }
            }
        }
        int bursts = 0;
        for (boolean b : inBurst) {
            bursts += b ? 1 : 0;
        }
        List<String> flags = new ArrayList<>();
        int n = ratings.size();
        if (fast >= 3 && fast * 100 >= FLAG_SHARE_PERCENT * n) {
            flags.add("fast");
        }
        if (bursts >= 3 && bursts * 100 >= FLAG_SHARE_PERCENT * n) {
            flags.add("burst");
        }
        if (figures.served() >= 20 && figures.coverage() < 0.5) {
            flags.add("low-coverage");
        }
        return new GamingSigns(teller, figures.served(), n, figures.coverage(), buckets, fast, bursts, List.copyOf(flags));
    }
}
