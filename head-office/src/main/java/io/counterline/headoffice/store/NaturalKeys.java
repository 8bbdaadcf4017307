package io.counterline.headoffice.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Reconcile;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What identifies a reconciled fact whatever outbox sequence carried it, and the day it is
 * counted on: the same rules as the branch's {@code reconcileCounts} in SQLite, here once in
 * Java (for a fact arriving) and once in SQL (over the stored bodies). A ticket is its id on its
 * business day; a step is ticket, time and action; a call its id; a rating its ticket; a health
 * change its event id; a work order's change its order and step; an inspection and a notebook
 * entry their ids; these are counted on the UTC date of their {@code at}. A device health summary
 * is its device and business day, counted on that day.
 */
public final class NaturalKeys {
    /** The natural key of a stored fact, over the columns {@code type} and {@code body}. */
    static final String SQL_KEY = "CASE type WHEN 'branch.ticket' THEN body->>'id'"
            + " WHEN 'branch.ticket-step' THEN (body->>'ticket') || '|' || (body->>'at') || '|' || (body->>'action')"
            + " WHEN 'branch.call' THEN body->>'id' WHEN 'branch.rating' THEN body->>'ticket'"
            + " WHEN 'branch.device-health' THEN body->>'event'"
            + " WHEN 'branch.work-order' THEN (body->>'order') || '|' || (body->>'step')"
            + " WHEN 'branch.inspection' THEN body->>'inspection' WHEN 'branch.correction' THEN body->>'note'"
            + " WHEN 'branch.device-health-day' THEN (body->>'device') || '|' || (body->>'day') END";
    /** The day a stored fact is counted on. */
    static final String SQL_DAY = "CASE type WHEN 'branch.ticket' THEN body->>'day'"
            + " WHEN 'branch.device-health-day' THEN body->>'day' ELSE left(body->>'at', 10) END";
    /**
     * A fact's outbox time is after its own time, and a business day starts at most 14 hours
     * before its UTC date (UTC+14): stored facts of a day lie after this many days before it.
     */
    static final int DAYS_BEFORE = 2;

    private NaturalKeys() {
    }

    /** The natural key of a fact's body; empty when the kind is not reconciled. */
    public static Optional<String> key(EventType type, JsonNode body) {
        return switch (type) {
            case BRANCH_TICKET, BRANCH_CALL -> Optional.of(body.path("id").asText());
            case BRANCH_TICKET_STEP -> Optional.of(body.path("ticket").asText() + "|" + body.path("at").asText() + "|"
                    + body.path("action").asText());
            case BRANCH_RATING -> Optional.of(body.path("ticket").asText());
            case BRANCH_DEVICE_HEALTH -> Optional.of(body.path("event").asText());
            case BRANCH_WORK_ORDER -> Optional.of(body.path("order").asText() + "|" + body.path("step").asText());
            case BRANCH_INSPECTION -> Optional.of(body.path("inspection").asText());
            case BRANCH_CORRECTION -> Optional.of(body.path("note").asText());
            case BRANCH_DEVICE_HEALTH_DAY -> Optional.of(body.path("device").asText() + "|" + body.path("day").asText());
            default -> Optional.empty();
        };
    }

    /** The day a fact is counted on; empty when the kind is not reconciled or the body has no readable day. */
    public static Optional<LocalDate> day(EventType type, JsonNode body) {
        if (!Reconcile.KINDS.contains(type)) {
            return Optional.empty();
        }
        String text = type == EventType.BRANCH_TICKET || type == EventType.BRANCH_DEVICE_HEALTH_DAY
                ? body.path("day").asText("") : body.path("at").asText("");
        try {
            return Optional.of(LocalDate.parse(text.length() < 10 ? text : text.substring(0, 10)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
