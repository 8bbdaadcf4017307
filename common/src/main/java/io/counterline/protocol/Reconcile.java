package io.counterline.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly reconciliation between a branch and head office, both directions: the branch's
 * counts of one day's facts per kind (the body of a {@link EventType#BRANCH_RECONCILE} fact on
 * the uplink) and head office's request to send a day's facts of one kind again (on the
 * branch's {@code dev/uplink/cmd} topic). A fact is counted once by its natural key, whatever
 * its outbox sequence, so a fact sent again is recognised (see {@code docs/head-office.md}).
 */
public final class Reconcile {
    /** The kinds counted: each has a natural key and a day in its body. */
    public static final List<EventType> KINDS = List.of(EventType.BRANCH_TICKET, EventType.BRANCH_TICKET_STEP,
            EventType.BRANCH_CALL, EventType.BRANCH_RATING, EventType.BRANCH_DEVICE_HEALTH,
            EventType.BRANCH_WORK_ORDER, EventType.BRANCH_INSPECTION, EventType.BRANCH_CORRECTION,
            EventType.BRANCH_DEVICE_HEALTH_DAY);
    /**
     * The kinds every counts fact must carry: those counted since the first reconciling branch.
     * The others were added later; a branch that does not count them yet leaves them out, and
     * head office then does not compare them.
     */
    static final List<EventType> ALWAYS_COUNTED = KINDS.subList(0, 4);
    /** Body field of a fact sent again on request: head office stores it only if its natural key is new. */
    public static final String RESENT = "resent";
    /** Far beyond a branch's day (a few thousand visits); a larger count is a wrong message. */
    static final long MAX_COUNT = 10_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A branch's counts of {@code day}'s facts, per kind (a kind it does not count is absent). */
    public record Counts(String branch, LocalDate day, Map<EventType, Long> counts) {
        public Counts {
            Ids.require("branch", branch);
            counts = Map.copyOf(counts);
        }

        public ObjectNode toBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("branch", branch);
            body.put("day", day.toString());
            ObjectNode c = body.putObject("counts");
            for (EventType kind : KINDS) {
                if (counts.containsKey(kind) || ALWAYS_COUNTED.contains(kind)) {
                    c.put(kind.wire(), counts.getOrDefault(kind, 0L));
                }
            }
            return body;
        }

        /** The counts in a reconcile fact's body, or why they are unreadable. */
        public static Decoded<Counts> of(JsonNode body) {
            try {
                String branch = body.path("branch").asText("");
                if (!Ids.isValid(branch)) {
                    return rejected("reconcile without a valid branch");
                }
                LocalDate day = LocalDate.parse(body.path("day").asText(""));
                Map<EventType, Long> counts = new EnumMap<>(EventType.class);
                JsonNode c = body.path("counts");
                for (EventType kind : KINDS) {
                    JsonNode n = c.get(kind.wire());
                    if (n == null && !ALWAYS_COUNTED.contains(kind)) {
                        continue;
                    }
                    if (n == null || !n.canConvertToLong() || n.asLong() < 0 || n.asLong() > MAX_COUNT) {
                        return rejected("reconcile count of " + kind.wire() + " missing or out of 0.." + MAX_COUNT);
                    }
                    counts.put(kind, n.asLong());
                }
                return new Decoded.Accepted<>(new Counts(branch, day, counts));
            } catch (DateTimeParseException e) {
                return rejected("reconcile day is not a date");
            }
        }
    }

    /** Head office's request: send {@code day}'s facts of {@code kind} again. */
    public record Resend(LocalDate day, EventType kind) {
        public Resend {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException(kind + " is not reconciled");
            }
        }

        public byte[] encode() {
            ObjectNode n = JSON.createObjectNode();
            n.put("v", 1);
            n.put("day", day.toString());
            n.put("kind", kind.wire());
            return n.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** A request read from the wire; empty when it is not one (logged by the caller). */
        public static Optional<Resend> decode(byte[] payload) {
            if (payload.length > 1024) {
                return Optional.empty();
            }
            try {
                JsonNode n = JSON.readTree(payload);
                return Optional.of(new Resend(LocalDate.parse(n.path("day").asText("")),
                        EventType.of(n.path("kind").asText(""))));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    private Reconcile() {
    }

    private static <T> Decoded<T> rejected(String why) {
        return new Decoded.Rejected<>(new Rejection(Rejection.Reason.INVALID_FIELD, why));
    }
}
