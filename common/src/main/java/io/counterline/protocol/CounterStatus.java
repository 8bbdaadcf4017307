package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a counter is doing now. */
public enum CounterStatus implements WireName {
    CLOSED("closed"),
    IDLE("idle"),
    CALLING("calling"),
    SERVING("serving"),
    PAUSED("paused");

    private final String wire;

    CounterStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static CounterStatus of(String wire) {
        return WireName.parse(CounterStatus.class, wire);
    }
}
