package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Device health, from best to worst: the order is used to combine components. */
public enum HealthLevel implements WireName {
    OK("ok"),
    DEGRADED("degraded"),
    OFFLINE("offline"),
    CONFIG_ERROR("config-error");

    private final String wire;

    HealthLevel(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static HealthLevel of(String wire) {
        return WireName.parse(HealthLevel.class, wire);
    }
}
