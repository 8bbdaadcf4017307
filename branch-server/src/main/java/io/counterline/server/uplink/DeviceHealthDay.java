package io.counterline.server.uplink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.protocol.HealthLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One device's health over one business day, summed up from its {@code health.changed} reports:
 * how long it was at each level, the worst level it reached, how often it changed and its last
 * report. A level lasts from its report to the next one; the day starts at the level of the last
 * report before it, and time before any report is "unknown" (a device first seen that day).
 */
public record DeviceHealthDay(String device, LocalDate day, Map<HealthLevel, Duration> time, Duration unknown,
                              HealthLevel worst, int changes, Instant lastAt, HealthLevel lastLevel) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A health report: when, and the level it said. */
    public record Report(Instant at, HealthLevel level) {
    }

    /**
     * The summary of {@code day} = [{@code start}, {@code end}); empty when the device had reported
     * nothing by the day's end.
     *
     * @param before the device's last report before {@code start}, if any
     * @param during its reports in [{@code start}, {@code end}), oldest first
     */
    public static Optional<DeviceHealthDay> of(String device, LocalDate day, Instant start, Instant end,
                                               Optional<Report> before, List<Report> during) {
        if (before.isEmpty() && during.isEmpty()) {
            return Optional.empty();
        }
        Map<HealthLevel, Duration> time = new EnumMap<>(HealthLevel.class);
        for (HealthLevel l : HealthLevel.values()) {
            time.put(l, Duration.ZERO);
        }
        Duration unknown = Duration.ZERO;
        HealthLevel current = before.map(Report::level).orElse(null);
        HealthLevel worst = current;
        Instant lastAt = before.map(Report::at).orElse(null);
        Instant from = start;
        for (Report r : during) {
            if (r.at().isBefore(start) || !r.at().isBefore(end) || r.at().isBefore(from)) {
                throw new IllegalArgumentException("report at " + r.at() + " not in order within " + start + ".." + end);
            }
            Duration span = Duration.between(from, r.at());
            if (current == null) {
                unknown = unknown.plus(span);
            } else {
                time.merge(current, span, Duration::plus);
            }
            current = r.level();
            worst = worst == null || current.ordinal() > worst.ordinal() ? current : worst;
            lastAt = r.at();
            from = r.at();
        }
        time.merge(current, Duration.between(from, end), Duration::plus);
        return Optional.of(new DeviceHealthDay(device, day, Map.copyOf(time), unknown, worst, during.size(), lastAt,
                current));
    }

    /** The body of its {@code branch.device-health-day} fact. */
    public ObjectNode body() {
        ObjectNode b = JSON.createObjectNode();
        b.put("device", device);
        b.put("day", day.toString());
        b.put("okSeconds", time.get(HealthLevel.OK).toSeconds());
        b.put("degradedSeconds", time.get(HealthLevel.DEGRADED).toSeconds());
        b.put("offlineSeconds", time.get(HealthLevel.OFFLINE).toSeconds());
        b.put("configErrorSeconds", time.get(HealthLevel.CONFIG_ERROR).toSeconds());
        b.put("unknownSeconds", unknown.toSeconds());
        b.put("worst", worst.wire());
        b.put("changes", changes);
        b.put("lastAt", lastAt.toString());
        b.put("lastLevel", lastLevel.wire());
        return b;
    }
}
