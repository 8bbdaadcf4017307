package io.counterline.headoffice.ingest;

import io.counterline.protocol.ConfigReport;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Reconcile;
import io.counterline.headoffice.store.NaturalKeys;
import io.counterline.protocol.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a branch's fact enters head office: size and schema by the shared codec, then the rules
 * of the uplink: only branch facts, a time that fits a monthly partition, a body with the fields
 * reports need and of bounded size ({@link FactBodies}).
 */
public final class FactCheck {
    /** Facts a branch uplinks; device events never travel to head office directly. */
    static final Set<EventType> BRANCH_FACTS = EnumSet.of(EventType.BRANCH_TICKET, EventType.BRANCH_TICKET_STEP,
            EventType.BRANCH_CALL, EventType.BRANCH_RATING, EventType.BRANCH_DEVICE_HEALTH,
            EventType.BRANCH_RECONCILE, EventType.BRANCH_WORK_ORDER, EventType.BRANCH_INSPECTION,
            EventType.BRANCH_CORRECTION, EventType.BRANCH_DEVICE_HEALTH_DAY, EventType.BRANCH_CONFIG);
    /** Older facts are not a branch's: the uplink outbox exists since 2026. */
    static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    /** Branch clocks drift; beyond this a fact's time is a wrong clock, not a fact of tomorrow. */
    static final Duration MAX_AHEAD = Duration.ofDays(2);

    /** The outcome: a fact, or why it was refused. */
    public sealed interface Outcome {
    }

    public record Accepted(Fact fact) implements Outcome {
    }

    /**
     * Refused, with the fact when its envelope could be read: such a fact is acknowledged to its
     * branch once the refusal is recorded, as the branch does for its devices, so that the branch
     * does not send it forever.
     */
    public record Refused(String reason, Optional<Fact> fact) implements Outcome {
        Refused(String reason) {
            this(reason, Optional.empty());
        }
    }

    private final MessageCodec codec = new MessageCodec();
    private final Clock clock;

    public FactCheck(Clock clock) {
        this.clock = clock;
    }

    /**
     * Checks one message of a branch: a single fact's envelope or a batch of them
     * ({@link io.counterline.protocol.EventBatch}). One outcome per fact, in order, each fact
     * checked on its own, so a bad fact is refused alone; a message that cannot be read, or a
     * batch whose own fields are bad, is one refusal without a fact.
     */
    public List<Outcome> checkMessage(String routingKey, byte[] payload) {
        var branch = UplinkRoutes.branchOf(routingKey);
        if (branch.isEmpty()) {
            return List.of(new Refused("not an uplink routing key: " + abbreviate(routingKey)));
        }
        var decoded = codec.decodeEvents(payload, Topics.UPLINK);
        if (!(decoded instanceof Decoded.Accepted<List<Decoded<EventEnvelope>>> accepted)) {
            return List.of(new Refused("malformed fact from " + branch.get() + ": "
                    + ((Decoded.Rejected<List<Decoded<EventEnvelope>>>) decoded).rejection()));
        }
        List<Outcome> outcomes = new ArrayList<>(accepted.message().size());
        for (Decoded<EventEnvelope> event : accepted.message()) {
            outcomes.add(event instanceof Decoded.Accepted<EventEnvelope> e ? check(branch.get(), e.message())
                    : new Refused("malformed fact from " + branch.get() + ": "
                    + ((Decoded.Rejected<EventEnvelope>) event).rejection()));
        }
        return outcomes;
    }

    /** Checks a message that holds one fact (a single envelope). */
    public Outcome check(String routingKey, byte[] payload) {
        List<Outcome> outcomes = checkMessage(routingKey, payload);
        if (outcomes.size() != 1) {
            throw new IllegalArgumentException("a batch of " + outcomes.size() + " facts; check it with checkMessage");
        }
        return outcomes.get(0);
    }

    private Outcome check(String branch, EventEnvelope e) {
        Optional<Fact> fact = Optional.of(new Fact(branch, e));
        if (!BRANCH_FACTS.contains(e.type())) {
            return new Refused(e.type().wire() + " is not a branch fact (from " + branch + ")", fact);
        }
        if (e.at().isBefore(EARLIEST) || e.at().isAfter(clock.instant().plus(MAX_AHEAD))) {
            return new Refused("fact time " + e.at() + " out of range (from " + branch + ")", fact);
        }
        var bodyProblem = FactBodies.problem(e.type(), e.body());
        if (bodyProblem.isPresent()) {
            return new Refused(bodyProblem.get() + " (from " + branch + ")", fact);
        }
        var reconcileProblem = reconcileProblem(branch, e);
        if (reconcileProblem.isPresent()) {
            return new Refused(reconcileProblem.get() + " (from " + branch + ")", fact);
        }
        var configProblem = configProblem(branch, e);
        if (configProblem.isPresent()) {
            return new Refused(configProblem.get() + " (from " + branch + ")", fact);
        }
        if (hasControlCharacter(e.id())) {
            return new Refused("fact id with a control character (from " + branch + ")", fact);
        }
        return new Accepted(fact.get());
    }

    /**
     * A branch's counts must be its own (the routing key names the branch; a body naming another
     * is refused), and a fact sent again must have the natural key and day it is stored by.
     */
    private static Optional<String> reconcileProblem(String branch, EventEnvelope e) {
        if (e.type() == EventType.BRANCH_RECONCILE) {
            Decoded<Reconcile.Counts> counts = Reconcile.Counts.of(e.body());
            if (counts instanceof Decoded.Rejected<Reconcile.Counts> r) {
                return Optional.of(r.rejection().detail());
            }
            String claimed = ((Decoded.Accepted<Reconcile.Counts>) counts).message().branch();
            return claimed.equals(branch) ? Optional.empty()
                    : Optional.of("counts claimed for another branch " + claimed);
        }
        if (e.body().has(Reconcile.RESENT)
                && (NaturalKeys.key(e.type(), e.body()).isEmpty() || NaturalKeys.day(e.type(), e.body()).isEmpty())) {
            return Optional.of(e.type().wire() + " sent again without a natural key and day");
        }
        return Optional.empty();
    }

    /** A configuration report must be readable and the branch's own (as reconcile counts). */
    private static Optional<String> configProblem(String branch, EventEnvelope e) {
        if (e.type() != EventType.BRANCH_CONFIG) {
            return Optional.empty();
        }
        Decoded<ConfigReport> report = ConfigReport.of(e.body());
        if (report instanceof Decoded.Rejected<ConfigReport> r) {
            return Optional.of(r.rejection().detail());
        }
        String claimed = ((Decoded.Accepted<ConfigReport>) report).message().branch();
        return claimed.equals(branch) ? Optional.empty()
                : Optional.of("configuration reported for another branch " + claimed);
    }

    static boolean hasControlCharacter(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static String abbreviate(String s) {
        return s == null ? "(none)" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
