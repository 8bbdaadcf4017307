package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Presence and health, retained on {@code dev/{device}/status}. The device's MQTT will sets
 * {@code online=false} when its connection drops.
 */
public record DeviceStatus(@JsonProperty(required = true) int v, String device, DeviceRole role,
                           @JsonProperty(required = true) boolean online, Health health, String version,
                           Instant at) implements FromDevice {

    public DeviceStatus {
        Check.version(v);
        Check.id(device, "device");
        Check.present(role, "role");
        Check.present(health, "health");
        Check.text(version, "version", 64);
        Check.present(at, "at");
    }
}
