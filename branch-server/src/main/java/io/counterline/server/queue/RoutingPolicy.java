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
        return weights.get(t.service) + Math.max(0, Duration.between(t.issuedAt, now).toMillis())
                / (double) ageingStep.toMillis();
    }

    private static double waitedMinutes(Ticket t, Instant now) {
        return Math.max(0, Duration.between(t.issuedAt, now).toMillis()) / 60_000.0;
    }
}
