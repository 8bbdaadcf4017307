package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A push from the server to one device ({@code type} of a command). */
public enum CommandType implements WireName {
    RATING_ARM("rating.arm"),
    DEVICE_RESTART("device.restart"),
    TELLER_DAY("teller.day"),
    PRINT_TEST_PAGE("printer.test-page"),
    RECORDING_LIVE("recording.live"),
    SUPERVISION_NOTICE("supervision.notice");

    private final String wire;

    CommandType(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static CommandType of(String wire) {
        return WireName.parse(CommandType.class, wire);
    }
}
