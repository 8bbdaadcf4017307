package io.counterline.demo.bench;

import java.util.Arrays;

/** Latencies of one path, in nanoseconds, and their nearest-rank percentiles. Not thread-safe. */
final class Samples {
    private long[] values;
    private int n;

    Samples(int capacity) {
        values = new long[Math.max(1, capacity)];
    }

    void add(long nanos) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = nanos;
    }

    int count() {
        return n;
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds, nearest rank. */
    double percentileMillis(double p) {
        if (n == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
    }

    Summary summary() {
        return new Summary(n, percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(100));
    }

    /** Milliseconds. */
    record Summary(int n, double p50, double p90, double p99, double max) {
    }
}
