package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of device an id belongs to. */
public enum DeviceRole implements WireName {
    SERVER("server"),
    KIOSK("kiosk"),
    COUNTER_CALLER("counter-caller"),
    RATING_PAD("rating-pad"),
    HALL_DISPLAY("hall-display");

    private final String wire;

    DeviceRole(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static DeviceRole of(String wire) {
        return WireName.parse(DeviceRole.class, wire);
    }
}
