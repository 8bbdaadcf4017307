package io.counterline.protocol;

/**
 * How a device or one of its parts is: a level and, unless ok, a short reason a technician can
 * act on ("printer: paper out").
 */
public record Health(HealthLevel level, String reason) {
    public static final Health OK = new Health(HealthLevel.OK, "");

    public Health {
        Check.present(level, "health.level");
        reason = reason == null ? "" : reason;
    }

    public static Health degraded(String reason) {
        return new Health(HealthLevel.DEGRADED, reason);
    }

    public static Health offline(String reason) {
        return new Health(HealthLevel.OFFLINE, reason);
    }

    public static Health configError(String reason) {
        return new Health(HealthLevel.CONFIG_ERROR, reason);
    }

    /** The worse of the two (later in {@link HealthLevel}'s order). */
    public Health worst(Health other) {
        return other.level.ordinal() > level.ordinal() ? other : this;
    }
}
