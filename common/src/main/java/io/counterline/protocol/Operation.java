package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A request a device makes of the server ({@code op} of a request). */
public enum Operation implements WireName {
    TICKET_ISSUE("ticket.issue"),
    TELLER_SIGN_IN("teller.sign-in"),
    TELLER_SIGN_OUT("teller.sign-out"),
    CALL_NEXT("call.next"),
    CALL_TICKET("call.ticket"),
    CALL_RECALL("call.recall"),
    SERVICE_START("service.start"),
    SERVICE_COMPLETE("service.complete"),
    TICKET_NO_SHOW("ticket.no-show"),
    TICKET_TRANSFER("ticket.transfer"),
    COUNTER_PAUSE("counter.pause"),
    COUNTER_RESUME("counter.resume"),
    BLOCK_LEASE("block.lease"),
    CLOCK_READ("clock.read"),
    ORDER_CREATE("order.create");

    private final String wire;

    Operation(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Operation of(String wire) {
        return WireName.parse(Operation.class, wire);
    }
}
