package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a device observed; the {@code type} of an event envelope. */
public enum EventType implements WireName {
    SLIP_PRINTED("slip.printed"),
    SLIP_FAILED("slip.failed"),
    TICKET_ISSUED_OFFLINE("ticket.issued-offline"),
    RATING_GIVEN("rating.given"),
    DISPLAY_MANUAL("display.manual"),
    HEALTH_CHANGED("health.changed"),
    SIGNAGE_PLAYED("signage.played"),
    RECORDING_SEGMENT("recording.segment"),
    // Facts a branch server commits and uplinks to head office; no device may send them.
    BRANCH_TICKET("branch.ticket"),
    BRANCH_TICKET_STEP("branch.ticket-step"),
    BRANCH_CALL("branch.call"),
    BRANCH_RATING("branch.rating"),
    BRANCH_DEVICE_HEALTH("branch.device-health"),
    // Service supervision (console.db) and the daily health summary, also uplinked.
    BRANCH_WORK_ORDER("branch.work-order"),
    BRANCH_INSPECTION("branch.inspection"),
    BRANCH_CORRECTION("branch.correction"),
    BRANCH_DEVICE_HEALTH_DAY("branch.device-health-day"),
    // A branch's counts of one day's facts, for head office's nightly reconciliation.
    BRANCH_RECONCILE("branch.reconcile"),
    // The configuration version a branch runs (and the one pending or refused), for head office's down-link.
    BRANCH_CONFIG("branch.config");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static EventType of(String wire) {
        return WireName.parse(EventType.class, wire);
    }
}
