package io.counterline.headoffice.console;

import java.util.OptionalDouble;

/**
 * Sums over some days of one branch (or teller, or group): what every measure is computed from.
 *
 * @param waitSum seconds from issue to first call, summed over the {@code waitN} called tickets
 * @param good    ratings "satisfied" or "very satisfied", of {@code rated}
 */
public record Totals(long issued, long served, long waitSum, long waitN, long good, long rated) {
    public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0);
    /** Fewer than this many observations behind a mean or share: shown, but marked a small sample. */
    public static final int SMALL_SAMPLE = 30;

    public Totals plus(Totals o) {
        return new Totals(issued + o.issued, served + o.served, waitSum + o.waitSum, waitN + o.waitN, good + o.good,
                rated + o.rated);
    }

    /** The measure's value; empty when nothing was observed (no called ticket, no rating). */
    public OptionalDouble value(Measure m) {
        return switch (m) {
            case ISSUED -> OptionalDouble.of(issued);
            case SERVED -> OptionalDouble.of(served);
            case WAIT -> waitN == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) waitSum / waitN);
            case SATISFACTION -> rated == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * good / rated);
        };
    }

    /** How many observations the measure rests on (its sample size). */
    public long sample(Measure m) {
        return switch (m) {
            case ISSUED, SERVED -> issued;
            case WAIT -> waitN;
            case SATISFACTION -> rated;
        };
    }

    public boolean small(Measure m) {
        return (m == Measure.WAIT || m == Measure.SATISFACTION) && sample(m) < SMALL_SAMPLE;
    }
}
