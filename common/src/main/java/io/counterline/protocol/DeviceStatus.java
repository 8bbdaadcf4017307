package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * Presence and health, retained on {@code dev/{device}/status}. The device's MQTT will sets
 * {@code online=false} when its connection drops. {@code clockOffsetMs} is the server's clock
 * minus the device's, as the device estimates it (absent until it has). {@code vitals} is what the
 * device read of its machine when it sent the status (absent from devices of earlier builds).
 */
public record DeviceStatus(@JsonProperty(required = true) int v, String device, DeviceRole role,
                           @JsonProperty(required = true) boolean online, Health health, String version,
                           Instant at, Long clockOffsetMs, Vitals vitals) implements FromDevice {
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

    /** A status without vitals (tests, and the Last Will, which is written before any are read). */
    public DeviceStatus(int v, String device, DeviceRole role, boolean online, Health health, String version,
                        Instant at, Long clockOffsetMs) {
        this(v, device, role, online, health, version, at, clockOffsetMs, null);
    }

    /**
     * The device's machine when it sent the status; each field absent when it could not be read
     * (no {@code /proc/uptime}, no thermal zone on a PC). Bounded so a broken sensor or a hostile
     * payload cannot put nonsense on the console.
     *
     * @param uptimeS    seconds since the machine booted ({@code /proc/uptime}), at most 10 years
     * @param diskFreeMb MiB free on the file system of the device's data folder, at most 1 PiB
     * @param cpuTempC   CPU temperature in °C ({@code thermal_zone0}), −60 to 150
     */
    public record Vitals(Long uptimeS, Long diskFreeMb, Double cpuTempC) {
        public static final long MAX_UPTIME_S = Duration.ofDays(3660).toSeconds();
        public static final long MAX_DISK_FREE_MB = 1L << 30;

        public Vitals {
            Check.optionalWithin(uptimeS, "vitals.uptimeS", 0, MAX_UPTIME_S);
            Check.optionalWithin(diskFreeMb, "vitals.diskFreeMb", 0, MAX_DISK_FREE_MB);
            if (cpuTempC != null && !(cpuTempC >= -60 && cpuTempC <= 150)) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD,
                        "vitals.cpuTempC must be between -60 and 150, was " + cpuTempC);
            }
        }
    }

    /** A status without a clock offset: not yet estimated, or from an older device. */
    public DeviceStatus(int v, String device, DeviceRole role, boolean online, Health health, String version,
                        Instant at) {
        this(v, device, role, online, health, version, at, null);
    }
}
