package io.counterline.headoffice.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.counterline.protocol.EventType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shape a branch fact's body must have before head office stores it: the fields reports
 * rely on are present and are text, every text is bounded, and nesting is shallow. The bodies
 * are the branch server's store rows (see {@code CommittedFactsTap}); extra fields are allowed,
 * so a newer branch can add some without being refused.
 */
final class FactBodies {
    static final int MAX_TEXT = 500;
    static final int MAX_DEPTH = 4;
    static final int MAX_FIELDS = 64;

    private static final Map<EventType, List<String>> REQUIRED = new EnumMap<>(EventType.class);

    static {
        REQUIRED.put(EventType.BRANCH_TICKET, List.of("id", "day", "service", "number", "status"));
        REQUIRED.put(EventType.BRANCH_TICKET_STEP, List.of("ticket", "at", "action"));
        REQUIRED.put(EventType.BRANCH_CALL, List.of("id", "ticket", "number", "counter", "at"));
        REQUIRED.put(EventType.BRANCH_RATING, List.of("ticket", "counter", "level", "at"));
        REQUIRED.put(EventType.BRANCH_DEVICE_HEALTH, List.of("device", "event", "at"));
        REQUIRED.put(EventType.BRANCH_RECONCILE, List.of("branch", "day"));
        REQUIRED.put(EventType.BRANCH_WORK_ORDER, List.of("order", "step", "action", "at", "category", "state",
                "deadline", "createdAt"));
        REQUIRED.put(EventType.BRANCH_INSPECTION, List.of("inspection", "at", "day"));
        REQUIRED.put(EventType.BRANCH_CORRECTION, List.of("note", "at", "day", "procedure"));
        REQUIRED.put(EventType.BRANCH_DEVICE_HEALTH_DAY, List.of("device", "day", "worst", "lastAt", "lastLevel"));
        REQUIRED.put(EventType.BRANCH_CONFIG, List.of("branch"));
    }

    /** A whole number a report adds up, with the range a real one lies in. */
    private record Count(String field, long min, long max) {
    }

    /** A day of a zone changing its clocks has 25 hours. */
    private static final long DAY_SECONDS = 25 * 3600;
    private static final Map<EventType, List<Count>> COUNTS = new EnumMap<>(EventType.class);
    /** Text fields the head-office pages group by: only these values. */
    private static final Map<EventType, Map<String, Set<String>>> ONE_OF = new EnumMap<>(EventType.class);

    static {
        COUNTS.put(EventType.BRANCH_WORK_ORDER, List.of(new Count("round", 1, 10_000)));
        COUNTS.put(EventType.BRANCH_INSPECTION, List.of(new Count("items", 0, 50), new Count("failed", 0, 50)));
        COUNTS.put(EventType.BRANCH_DEVICE_HEALTH_DAY, List.of(new Count("okSeconds", 0, DAY_SECONDS),
                new Count("degradedSeconds", 0, DAY_SECONDS), new Count("offlineSeconds", 0, DAY_SECONDS),
                new Count("configErrorSeconds", 0, DAY_SECONDS), new Count("unknownSeconds", 0, DAY_SECONDS),
                new Count("changes", 0, 1_000_000)));
        Set<String> levels = Set.of("ok", "degraded", "offline", "config-error");
        ONE_OF.put(EventType.BRANCH_WORK_ORDER, Map.of("state", Set.of("new", "assigned", "in-progress", "answered",
                "closed")));
        ONE_OF.put(EventType.BRANCH_DEVICE_HEALTH_DAY, Map.of("worst", levels, "lastLevel", levels));
    }

    private FactBodies() {
    }

    /** Why the body of a {@code type} fact is not acceptable; empty when it is. */
    static Optional<String> problem(EventType type, JsonNode body) {
        for (String field : REQUIRED.getOrDefault(type, List.of())) {
            JsonNode v = body.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                return Optional.of(type.wire() + " needs text field '" + field + "'");
            }
        }
        for (Count c : COUNTS.getOrDefault(type, List.of())) {
            JsonNode v = body.get(c.field());
            if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < c.min()
                    || v.asLong() > c.max()) {
                return Optional.of(type.wire() + " needs a whole number '" + c.field() + "' from " + c.min() + " to "
                        + c.max());
            }
        }
        for (var e : ONE_OF.getOrDefault(type, Map.of()).entrySet()) {
            if (!e.getValue().contains(body.path(e.getKey()).asText())) {
                return Optional.of(type.wire() + " has an unknown '" + e.getKey() + "'");
            }
        }
        return bounded(body, 1);
    }

    private static Optional<String> bounded(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.of("body nested deeper than " + MAX_DEPTH);
        }
        if (node.size() > MAX_FIELDS) {
            return Optional.of("body has more than " + MAX_FIELDS + " fields or items at one level");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.length() > MAX_TEXT || name.indexOf('\0') >= 0) {
                return Optional.of("a field name too long or with a NUL character");
            }
        }
        for (JsonNode child : node) {
            if (child.isTextual() && child.asText().length() > MAX_TEXT) {
                return Optional.of("a text of " + child.asText().length() + " characters (limit " + MAX_TEXT + ")");
            }
            if (child.isTextual() && child.asText().indexOf('\0') >= 0) {
                return Optional.of("a text with a NUL character (PostgreSQL's jsonb cannot hold it)");
            }
            if (child.isContainerNode()) {
                Optional<String> p = bounded(child, depth + 1);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }
}
