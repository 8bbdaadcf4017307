package io.counterline.console.downlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.signage.SignageDesk;
import io.counterline.console.staff.Floor;
import io.counterline.console.staff.Staff;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.supervision.SupervisionStore;
import io.counterline.protocol.ConfigDocument;
import io.counterline.protocol.ConfigReport;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.SignageSchedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch's side of head office's configuration down-link: a document is checked, kept in
 * {@code console.db} and applied through the console's own stores — the floor's services, the
 * staff's tellers, supervision's business calendar, the signage desk's head-office playlist — each
 * change audited as done by {@value #ACTOR}, exactly as if an admin had made it here, so the engine
 * (and the hall displays) pick it up without a restart as they do the console's changes. Service
 * changes wait for their {@link SafeMoment}.
 *
 * <p>Versions only go forward: the version running or an older one is ignored, the same pending
 * one is looked at again, a refused one is not tried again. What the document does not name stays
 * as the branch has it; calendar days head office set and no longer names are removed, and so are
 * head office's hall notices when the document has no signage part (it is the whole of them).
 */
public final class HeadOfficeConfig {
    private static final Logger log = LoggerFactory.getLogger(HeadOfficeConfig.class);
    /** Who the audit log names for head office's changes. */
    public static final String ACTOR = "head-office";
    /** The audit log's address for them: they came through the cluster, not from a browser. */
    static final String VIA = "cluster";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The playlist's slide time; it holds notices only, which the ticker scrolls at its own pace. */
    private static final int NOTICE_SECONDS = 10;

    /** Open tickets (waiting, called, in service) per service id, as the branch's engine has them now. */
    @FunctionalInterface
    public interface OpenTickets {
        Map<String, Integer> byService() throws Exception;
    }

    private final String branch;
    private final ConsoleStore store;
    private final Floor floor;
    private final Staff staff;
    private final SupervisionStore calendar;
    private final SignageDesk signage;
    private final AuditLog audit;
    private final Clock clock;
    private long running;
    private Optional<ConfigDocument> pending = Optional.empty();
    private long refused;
    private String reason = "";
    private Set<String> waitingFor = Set.of();

    public HeadOfficeConfig(String branch, ConsoleStore store, Floor floor, Staff staff, SupervisionStore calendar,
                            SignageDesk signage, AuditLog audit, Clock clock) throws SQLException {
        this.branch = branch;
        this.store = store;
        this.floor = floor;
        this.staff = staff;
        this.calendar = calendar;
        this.signage = signage;
        this.audit = audit;
        this.clock = clock;
        load();
    }

    /** What the branch runs, has pending and refused, for head office. */
    public synchronized ConfigReport report() {
        return new ConfigReport(branch, running, pending.map(ConfigDocument::version).orElse(0L),
                List.copyOf(waitingFor), refused, reason);
    }

    /** The version running (0: none from head office yet). */
    public synchronized long running() {
        return running;
    }

    /**
     * A document as it came from head office: checked, kept and applied as far as is safe now.
     * Never throws for a bad document: it is refused with the reason, and the branch keeps what it runs.
     */
    public synchronized ConfigReport receive(byte[] payload, OpenTickets open) {
        Decoded<ConfigDocument> decoded = ConfigDocument.decode(payload);
        if (decoded instanceof Decoded.Rejected<ConfigDocument> r) {
            refuse(versionHint(payload), r.rejection().detail());
            return report();
        }
        ConfigDocument doc = ((Decoded.Accepted<ConfigDocument>) decoded).message();
        if (!doc.branch().equals(branch)) {
            refuse(doc.version(), "configuration for branch " + doc.branch() + " sent to " + branch);
            return report();
        }
        long pendingVersion = pending.map(ConfigDocument::version).orElse(0L);
        if (doc.version() <= running || doc.version() <= refused || doc.version() < pendingVersion) {
            log.info("head-office configuration {} ignored: running {}, pending {}, refused {}", doc.version(), running,
                    pendingVersion, refused);
            return report();
        }
        if (doc.version() == pendingVersion) {
            return retry(open);
        }
        Optional<String> problem = problemHere(doc);
        if (problem.isPresent()) {
            refuse(doc.version(), problem.get());
            return report();
        }
        pending = Optional.of(doc);
        waitingFor = Set.of();
        save();
        audit.record(ACTOR, VIA, "config.received", "version " + doc.version(), "running " + running, null);
        return retry(open);
    }

    /**
     * Applies the pending document as far as is safe now (at once: tellers, calendar, new
     * services; existing services' changes at their safe moment); when all of it is applied, its
     * version runs. Called on receipt and then periodically.
     */
    public synchronized ConfigReport retry(OpenTickets open) {
        if (pending.isEmpty()) {
            return report();
        }
        ConfigDocument doc = pending.get();
        Optional<Map<String, Integer>> openNow;
        try {
            openNow = Optional.of(open.byService());
        } catch (Exception e) {
            log.warn("head-office configuration: open tickets unreadable ({}); service changes wait", e.getMessage());
            openNow = Optional.empty();
        }
        try {
            applyTellers(doc);
            applyCalendar(doc);
            signage.setHeadOffice(ACTOR, VIA, doc.version(), playlist(doc));
            Set<String> waiting = SafeMoment.mustWait(doc, id -> floor.find(Floor.Kind.SERVICE, id), openNow);
            for (ConfigDocument.Service s : doc.services()) {
                if (!waiting.contains(s.id())) {
                    applyService(s, floor.find(Floor.Kind.SERVICE, s.id()));
                }
            }
            waitingFor = Set.copyOf(waiting);
        } catch (ConsoleUsers.Refused | SignageDesk.Refused | SQLException | RuntimeException e) {
            // The checks before storing it make this rare (a store failing, a race with an admin
            // here); what was applied stays, and head office sees the reason.
            pending = Optional.empty();
            waitingFor = Set.of();
            refuse(doc.version(), "not applied: " + e.getMessage());
            return report();
        }
        if (waitingFor.isEmpty()) {
            long before = running;
            running = doc.version();
            pending = Optional.empty();
            save();
            audit.record(ACTOR, VIA, "config.applied", "version " + running, "version " + before,
                    "version " + running);
            log.info("head-office configuration {} applied", running);
        } else {
            log.info("head-office configuration {}: services {} wait for their open tickets", doc.version(),
                    waitingFor);
        }
        return report();
    }

    /** What this branch cannot apply at all: a service it lacks without how to add it, a prefix taken, no counter. */
    Optional<String> problemHere(ConfigDocument doc) {
        for (ConfigDocument.Service s : doc.services()) {
            if (floor.find(Floor.Kind.SERVICE, s.id()).isPresent()) {
                continue;
            }
            if (s.add().isEmpty()) {
                return Optional.of("service " + s.id() + " is not at this branch and the document does not add it");
            }
            ConfigDocument.NewService a = s.add().get();
            if (floor.prefixTaken(a.prefix())) {
                return Optional.of("service " + s.id() + ": prefix " + a.prefix() + " is another service's here");
            }
            if (a.counters().keySet().stream().noneMatch(c -> floor.find(Floor.Kind.COUNTER, c).isPresent())) {
                return Optional.of("service " + s.id() + ": none of its counters " + a.counters().keySet()
                        + " is at this branch");
            }
        }
        try {
            signage.checkFits(playlist(doc));
        } catch (SignageDesk.Refused | SQLException e) {
            return Optional.of("signage: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Head office's notices as the hall playlist {@value SignageDesk#HEAD_OFFICE}: every display, in its window. */
    static Optional<SignageSchedule.Playlist> playlist(ConfigDocument doc) {
        return doc.signage().map(s -> new SignageSchedule.Playlist(SignageDesk.HEAD_OFFICE, s.priority(), List.of(),
                List.of(), null, null, s.start(), s.end(), NOTICE_SECONDS, s.notices().stream()
                        .map(n -> new SignageSchedule.Item("notice", null, 0, n.zh(), n.en())).toList()));
    }

    private void applyService(ConfigDocument.Service s, Optional<Floor.Place> now) throws ConsoleUsers.Refused {
        if (now.isEmpty()) {
            ConfigDocument.NewService a = s.add().orElseThrow();
            Map<String, String> weights = new LinkedHashMap<>();
            a.counters().forEach((counter, weight) -> weights.put(counter, String.valueOf(weight)));
            floor.addService(ACTOR, VIA, s.id(), a.prefix(), s.nameZh(), s.nameEn(), String.valueOf(a.first()),
                    String.valueOf(a.last()), a.opens(), a.closes(), weights);
            if (s.disabled()) {
                floor.setDisabled(ACTOR, VIA, Floor.Kind.SERVICE, s.id(), true);
            }
            return;
        }
        Floor.Place p = now.get();
        if (!p.nameZh().equals(s.nameZh()) || !p.nameEn().equals(s.nameEn())) {
            floor.rename(ACTOR, VIA, Floor.Kind.SERVICE, s.id(), s.nameZh(), s.nameEn());
        }
        if (p.disabled() != s.disabled()) {
            floor.setDisabled(ACTOR, VIA, Floor.Kind.SERVICE, s.id(), s.disabled());
        }
    }

    private void applyTellers(ConfigDocument doc) throws ConsoleUsers.Refused {
        for (ConfigDocument.Teller t : doc.tellers()) {
            staff.setFromHeadOffice(ACTOR, VIA, t.id(), t.name(), t.employeeNo(), t.disabled());
        }
    }

    private void applyCalendar(ConfigDocument doc) throws SQLException {
        Map<LocalDate, SupervisionStore.CalendarDay> now = new LinkedHashMap<>();
        calendar.calendarDays().forEach(d -> now.put(d.day(), d));
        Set<LocalDate> named = new HashSet<>();
        for (ConfigDocument.Day d : doc.calendar()) {
            named.add(d.day());
            SupervisionStore.CalendarDay cur = now.get(d.day());
            if (cur != null && cur.working() == d.working() && java.util.Objects.equals(cur.note(), d.note())
                    && ACTOR.equals(cur.changedBy())) {
                continue;
            }
            calendar.putCalendarDay(new SupervisionStore.CalendarDay(d.day(), d.working(), d.note(), ACTOR),
                    clock.instant());
            audit.record(ACTOR, VIA, "calendar.set", d.day().toString(), cur == null ? null : describe(cur),
                    (d.working() ? "workday" : "holiday") + " " + d.note());
        }
        for (SupervisionStore.CalendarDay cur : now.values()) {
            if (ACTOR.equals(cur.changedBy()) && !named.contains(cur.day())) {
                calendar.removeCalendarDay(cur.day());
                audit.record(ACTOR, VIA, "calendar.remove", cur.day().toString(), describe(cur), null);
            }
        }
    }

    private static String describe(SupervisionStore.CalendarDay d) {
        return (d.working() ? "workday" : "holiday") + " " + d.note();
    }

    private void refuse(long version, String why) {
        log.warn("head-office configuration {} refused: {}", version == 0 ? "(unreadable)" : version, why);
        if (version > refused) {
            refused = version;
        }
        reason = why;
        save();
        audit.record(ACTOR, VIA, "config.refused", version == 0 ? "unreadable" : "version " + version, null, why);
    }

    /** The version a refused document claims, to report what was refused (0 when unreadable). */
    private static long versionHint(byte[] payload) {
        if (payload.length > ConfigDocument.MAX_BYTES) {
            return 0;
        }
        try {
            JsonNode v = JSON.readTree(payload).path("version");
            return v.isIntegralNumber() && v.asLong() > 0 && v.asLong() <= Integer.MAX_VALUE ? v.asLong() : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void load() throws SQLException {
        store.with(db -> {
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT running, pending, refused, reason FROM head_office_config WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    running = rs.getLong(1);
                    String doc = rs.getString(2);
                    if (doc != null) {
                        // Checked before it was kept; a file edited by hand is dropped, not applied.
                        pending = ConfigDocument.decode(doc.getBytes(StandardCharsets.UTF_8)) instanceof
                                Decoded.Accepted<ConfigDocument> a ? Optional.of(a.message()) : Optional.empty();
                    }
                    refused = rs.getLong(3);
                    reason = rs.getString(4);
                }
            }
            return null;
        });
    }

    private void save() {
        try {
            store.with(db -> {
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO head_office_config"
                        + " (id, running, pending, refused, reason, changed_at) VALUES (1, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET running = excluded.running, pending = excluded.pending,"
                        + " refused = excluded.refused, reason = excluded.reason, changed_at = excluded.changed_at")) {
                    ps.setLong(1, running);
                    ps.setString(2, pending.map(d -> new String(d.encode(), StandardCharsets.UTF_8)).orElse(null));
                    ps.setLong(3, refused);
                    ps.setString(4, reason);
                    ps.setString(5, clock.instant().toString());
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("console.db: head-office configuration not kept: " + e.getMessage(), e);
        }
    }
}
