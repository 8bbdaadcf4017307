package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * Presence and health, retained on {@code dev/{device}/status}. The device's MQTT will sets
 * {@code online=false} when its connection drops. {@code clockOffsetMs} is the server's clock
 * minus the device's, as the device estimates it (absent until it has).
 */
public record DeviceStatus(@JsonProperty(required = true) int v, String device, DeviceRole role,
                           @JsonProperty(required = true) boolean online, Health health, String version,
                           Instant at, Long clockOffsetMs) implements FromDevice {
    /** A clock further off than this is not corrected but reported: the device needs its time source fixed. */
    public static final long MAX_CLOCK_OFFSET_MS = Duration.ofDays(366).toMillis();

    public DeviceStatus {
        Check.version(v);
        Check.id(device, "device");
        Check.present(role, "role");
        Check.present(health, "health");
        Check.text(version, "version", 64);
        Check.present(at, "at");
        Check.optionalWithin(clockOffsetMs, "clockOffsetMs", -MAX_CLOCK_OFFSET_MS, MAX_CLOCK_OFFSET_MS);
    }

    /** A status without a clock offset: not yet estimated, or from an older device. */
    public DeviceStatus(int v, String device, DeviceRole role, boolean online, Health health, String version,
                        Instant at) {
        this(v, device, role, online, health, version, at, null);
    }
}
