package io.counterline.device;

import io.counterline.protocol.DeviceStatus.Vitals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads what the fleet page shows of a device's machine, each time a status is sent: uptime
 * ({@code /proc/uptime}), free space of the data folder's file system (where the outbox grows)
 * and CPU temperature ({@code /sys/class/thermal/thermal_zone0/temp}, millidegrees). Whatever
 * cannot be read or is out of bounds is left out (null), never an error: a PC has no thermal
 * zone, a status must still go out. Small files, read in microseconds, on the caller's thread.
 */
public final class MachineVitals {
    private static final long MIB = 1024 * 1024;

    private final Path uptime;
    private final Path dataDir;
    private final Path thermal;

    public MachineVitals(Path uptime, Path dataDir, Path thermal) {
        this.uptime = uptime;
        this.dataDir = dataDir;
        this.thermal = thermal;
    }

    /** The Linux places, for the device whose data folder is {@code dataDir}. */
    public static MachineVitals of(Path dataDir) {
        return new MachineVitals(Path.of("/proc/uptime"), dataDir, Path.of("/sys/class/thermal/thermal_zone0/temp"));
    }

    public Vitals read() {
        Long up = bounded(uptimeSeconds(), 0, Vitals.MAX_UPTIME_S);
        Long free = bounded(freeMib(), 0, Vitals.MAX_DISK_FREE_MB);
        Double temp = cpuCelsius();
        return new Vitals(up, free, temp != null && temp >= -60 && temp <= 150 ? temp : null);
    }

    private Long uptimeSeconds() {
        String text = firstLine(uptime);
        if (text == null) {
            return null;
        }
        try {
            // "12345.67 23456.78": seconds up, then idle seconds summed over the cores.
            return (long) Double.parseDouble(text.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Long freeMib() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace() / MIB;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Double cpuCelsius() {
        String text = firstLine(thermal);
        if (text == null) {
            return null;
        }
        try {
            return Math.round(Long.parseLong(text.trim()) / 100.0) / 10.0; // millidegrees → 0.1 °C
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstLine(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0 || bytes.length > 256) {
                return null;
            }
            return new String(bytes, StandardCharsets.US_ASCII).lines().findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Long bounded(Long value, long min, long max) {
        return value != null && value >= min && value <= max ? value : null;
    }
}
