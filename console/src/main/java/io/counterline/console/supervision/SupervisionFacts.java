package io.counterline.console.supervision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The bodies of the supervision facts head office receives ({@code branch.work-order},
 * {@code branch.inspection}, {@code branch.correction}; docs/head-office.md). They carry what
 * head office counts and compares — categories, states, deadlines, times, counters — and leave
 * out what only the branch needs or may know: the description and the customer's contact of an
 * order, every free-text note, the logins of owners, actors and inspectors, and, for a
 * correction-notebook entry, what was observed, the counter and the teller (the notebook is
 * reviewed without names at the branch too). Also used to build them again for reconciliation.
 */
public final class SupervisionFacts {
    public static final String WORK_ORDER = "branch.work-order";
    public static final String INSPECTION = "branch.inspection";
    public static final String CORRECTION = "branch.correction";
    /** The action of an escalator's notice: this and its level ({@code escalation-reminder}, …-notice, …-second). */
    public static final String ESCALATION = "escalation-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SupervisionFacts() {
    }

    /**
     * An order as it is after a change: {@code step} is the history row's id, or {@code n<id>} for an
     * escalator's notice; {@code state} the state the change left it in.
     */
    static ObjectNode workOrder(WorkOrder o, String step, String action, OrderState state, Instant at) {
        ObjectNode b = JSON.createObjectNode();
        b.put("order", Long.toString(o.id()));
        b.put("step", step);
        b.put("action", action);
        b.put("at", at.toString());
        b.put("category", o.category());
        b.put("channel", o.channel());
        b.put("priority", o.priority());
        b.put("state", state.wire());
        b.put("deadline", o.deadline().toString());
        b.put("round", o.round());
        b.put("assigned", o.owner() != null);
        b.put("createdAt", o.createdAt().toString());
        putIfPresent(b, "answeredAt", o.answeredAt());
        putIfPresent(b, "closedAt", o.closedAt());
        putIfPresent(b, "counter", o.counter());
        putIfPresent(b, "teller", o.teller());
        putIfPresent(b, "ticket", o.ticket());
        return b;
    }

    static ObjectNode inspection(Inspection i, String checklist) {
        ObjectNode b = JSON.createObjectNode();
        b.put("inspection", Long.toString(i.id()));
        b.put("at", i.at().toString());
        b.put("day", i.day().toString());
        b.put("checklist", checklist);
        putIfPresent(b, "counter", i.counter());
        b.put("items", i.items().size());
        b.put("failed", i.failed());
        var orders = b.putArray("rectifications");
        i.items().stream().filter(item -> item.orderId() != null).forEach(item -> orders.add(item.orderId().toString()));
        return b;
    }

    static ObjectNode correction(CorrectionNote n) {
        ObjectNode b = JSON.createObjectNode();
        b.put("note", Long.toString(n.id()));
        b.put("at", n.recordedAt().toString());
        b.put("seenAt", n.at().toString());
        b.put("day", n.day().toString());
        b.put("procedure", n.procedure());
        return b;
    }

    private static void putIfPresent(ObjectNode b, String field, Object value) {
        if (value != null) {
            b.put(field, value.toString());
        }
    }
}
