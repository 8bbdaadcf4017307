package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The four levels of the service evaluation, in their order on the pad (key 1 on the left).
 * The wire name goes into rating events and names the key in config.
 */
public enum RatingLevel implements WireName {
    VERY_SATISFIED("very-satisfied", "非常满意"),
    SATISFIED("satisfied", "满意"),
    AVERAGE("average", "一般"),
    DISSATISFIED("dissatisfied", "不满意");

    private final String wire;
    private final String label;

    RatingLevel(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The words printed on the key, for screens and health reasons. */
    public String label() {
        return label;
    }

    @JsonCreator
    public static RatingLevel of(String wire) {
        return WireName.parse(RatingLevel.class, wire);
    }
}
