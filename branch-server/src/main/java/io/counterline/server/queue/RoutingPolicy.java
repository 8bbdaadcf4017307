package io.counterline.server.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the next ticket for a counter (docs/queue-policy.md):
 * <ol>
 *   <li>a ticket transferred to this very counter first, oldest first;</li>
 *   <li>otherwise the waiting ticket of a served service with the highest
 *       {@code weight + waited / ageingStep}, the earlier issue time on a tie.</li>
 * </ol>
 * Within one service this is first come, first served. Across services, a ticket is never
 * overtaken by one issued more than {@code (maxWeight - its weight) × ageingStep} after it, so
 * nobody waits forever behind a busier, higher-priority service.
 */
final class RoutingPolicy {
    private static final double DIRECTED = 1e12;
    /** Waiting is counted up to a week: far more than a business day, far below {@link #DIRECTED}. */
    private static final double LONGEST_WAIT_SECONDS = 7 * 24 * 3600;
    private final Duration ageingStep;

    RoutingPolicy(Duration ageingStep) {
        this.ageingStep = ageingStep;
    }

    /** The choice and why, for the call record. */
    record Choice(Ticket ticket, String reason) {
    }

    Optional<Choice> choose(String counter, Map<String, Integer> weights, Collection<Ticket> waiting, Instant now) {
        Ticket best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int candidates = 0;
        for (Ticket t : waiting) {
            if (t.status != TicketStatus.WAITING) {
                continue;
            }
            if (t.directedCounter != null) {
                if (!t.directedCounter.equals(counter)) {
                    continue;
                }
            } else if (!weights.containsKey(t.service)) {
                continue;
            }
            candidates++;
            double score = score(t, weights, now, counter);
            if (best == null || score > bestScore || (score == bestScore && t.issuedAt.isBefore(best.issuedAt))) {
                best = t;
                bestScore = score;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String reason = best.directedCounter != null
                ? "transferred to this counter; first of " + candidates + " eligible"
                : String.format("service %s weight %d + waited %.1f min / step %d min = %.2f; best of %d eligible",
                best.service, weights.get(best.service), waitedMinutes(best, now), ageingStep.toMinutes(), bestScore,
                candidates);
        return Optional.of(new Choice(best, reason));
    }

    /** Directed tickets rank above every weight (ties go to the earlier); otherwise weight plus ageing. */
    double score(Ticket t, Map<String, Integer> weights, Instant now, String counter) {
        if (t.directedCounter != null && t.directedCounter.equals(counter)) {
            return DIRECTED;
        }
        return weights.get(t.service) + waitedSeconds(t, now) / (ageingStep.toMillis() / 1000.0);
    }

    /**
     * Seconds since issue, never negative, at most a week, in floating point: {@code
     * Duration.toMillis} throws past ±292 million years, and no issue time, however wild, may stop
     * a counter from calling or outrank a ticket transferred to it.
     */
    static double waitedSeconds(Ticket t, Instant now) {
        Duration waited = Duration.between(t.issuedAt, now);
        return waited.isNegative() ? 0 : Math.min(LONGEST_WAIT_SECONDS, waited.getSeconds() + waited.getNano() / 1e9);
    }

    private static double waitedMinutes(Ticket t, Instant now) {
        return waitedSeconds(t, now) / 60.0;
    }
}
