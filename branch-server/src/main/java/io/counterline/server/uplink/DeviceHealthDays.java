package io.counterline.server.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterline.protocol.EventType;
import io.counterline.protocol.HealthLevel;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows.HealthReportRow;
import io.counterline.server.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the daily device health summaries ({@link DeviceHealthDay}, fact
 * {@code branch.device-health-day}) once per business day of the branch, after the day ended:
 * from the {@code health.changed} events in the branch store, kept in {@code device_health_days}
 * and journaled for the uplink in one transaction, so each device and day is sent once (its
 * natural key at head office) and never lost. Run by the uplink's periodic check; a day missed
 * while the server was off is built at its next check (at most {@value #DAYS_BACK} days back).
 */
public final class DeviceHealthDays {
    private static final Logger log = LoggerFactory.getLogger(DeviceHealthDays.class);
    /** Ended days built at most, back from yesterday, after a long stop. */
    static final int DAYS_BACK = 7;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BranchStore store;
    private final ZoneId zone;
    private final Clock clock;
    private final Runnable committed;

    /**
     * @param store     the branch store (not the engine's tapped view)
     * @param committed told after summaries were journaled (wakes the uplink's copy)
     */
    public DeviceHealthDays(BranchStore store, ZoneId zone, Clock clock, Runnable committed) {
        this.store = store;
        this.zone = zone;
        this.clock = clock;
        this.committed = committed;
    }

    /**
     * Builds every ended business day not built yet: from the day after the last one built, or
     * yesterday on the first run (the days before the uplink existed are not summed up).
     *
     * @return the days built now
     */
    public synchronized List<LocalDate> buildMissing() throws StoreException {
        LocalDate yesterday = LocalDate.now(clock.withZone(zone)).minusDays(1);
        LocalDate first = store.lastHealthDayBuilt().map(d -> LocalDate.parse(d).plusDays(1)).orElse(yesterday);
        if (first.isBefore(yesterday.minusDays(DAYS_BACK - 1))) {
            first = yesterday.minusDays(DAYS_BACK - 1);
        }
        List<LocalDate> built = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(yesterday); day = day.plusDays(1)) {
            build(day);
            built.add(day);
        }
        return built;
    }

    /** Builds, keeps and journals one day's summaries; returns how many devices it summed up. */
    public synchronized int build(LocalDate day) throws StoreException {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, DeviceHealthDay.Report> before = new TreeMap<>();
        for (HealthReportRow r : store.lastHealthReports(start)) {
            level(r).ifPresent(l -> before.put(r.device(), new DeviceHealthDay.Report(r.at(), l)));
        }
        Map<String, List<DeviceHealthDay.Report>> during = new TreeMap<>();
        for (HealthReportRow r : store.healthReports(start, end)) {
            if (!r.at().isBefore(start) && r.at().isBefore(end)) {
                level(r).ifPresent(l -> during.computeIfAbsent(r.device(), d -> new ArrayList<>())
                        .add(new DeviceHealthDay.Report(r.at(), l)));
            }
        }
        TreeSet<String> devices = new TreeSet<>(before.keySet());
        devices.addAll(during.keySet());
        Map<String, String> bodies = new LinkedHashMap<>();
        List<Uplink.Fact> facts = new ArrayList<>();
        for (String device : devices) {
            List<DeviceHealthDay.Report> reports = new ArrayList<>(during.getOrDefault(device, List.of()));
            reports.sort(Comparator.comparing(DeviceHealthDay.Report::at));
            DeviceHealthDay.of(device, day, start, end, Optional.ofNullable(before.get(device)), reports)
                    .ifPresent(summary -> {
                        bodies.put(device, summary.body().toString());
                        facts.add(new Uplink.Fact(EventType.BRANCH_DEVICE_HEALTH_DAY, summary.body()));
                    });
        }
        store.inTransaction(() -> {
            store.saveHealthDay(day.toString(), bodies);
            if (!facts.isEmpty()) {
                store.journalUplink(UplinkJournal.rows(facts));
            }
            return null;
        });
        if (!facts.isEmpty()) {
            committed.run();
        }
        log.info("device health of {}: {} device(s) summed up for head office", day, facts.size());
        return facts.size();
    }

    /** The level a stored report says; empty (and logged) for one this server cannot read. */
    private static Optional<HealthLevel> level(HealthReportRow r) {
        try {
            JsonNode body = JSON.readTree(r.body());
            return Optional.of(HealthLevel.of(body.path("health").path("level").asText("")));
        } catch (IOException | RuntimeException e) {
            log.warn("device health: report {} of {} unreadable, left out: {}", r.id(), r.device(), e.getMessage());
            return Optional.empty();
        }
    }
}
