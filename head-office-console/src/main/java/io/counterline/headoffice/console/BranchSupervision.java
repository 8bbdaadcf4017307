package io.counterline.headoffice.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterline.console.report.ReportTables.Table;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A branch's supervision figures and device health over a period, for its drill-down page: read
 * from its uplinked facts each time (one branch, a few facts a day), so they are exactly what
 * PostgreSQL holds. A work order counts once, in its newest version (by the time of the change it
 * describes, so a change sent again for reconciliation does not hide a later one), on the business
 * day it was created; inspections, notebook entries and health summaries on their business day.
 */
final class BranchSupervision {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Set<String> OPEN = Set.of("new", "assigned", "in-progress");

    /** A change is uplinked after it is made: facts of a period lie after this many days before it. */
    private static final String ORDERS = "SELECT DISTINCT ON (body->>'order') body FROM facts"
            + " WHERE branch = ? AND type = 'branch.work-order' AND at >= ?::date - 1"
            + " AND ((body->>'createdAt')::timestamptz AT TIME ZONE ?)::date BETWEEN ? AND ?"
            + " ORDER BY body->>'order', (body->>'at')::timestamptz DESC, boot DESC, seq DESC";
    private static final String BY_DAY = "SELECT DISTINCT ON (%1$s) body FROM facts WHERE branch = ? AND type = ?"
            + " AND at >= ?::date - 1 AND body->>'day' BETWEEN ? AND ? ORDER BY %1$s, boot DESC, seq DESC";

    private final NetworkStore store;
    private final String branch;
    private final ZoneId zone;
    private final Clock clock;
    /** The branches' business day now (see {@code HeadOfficeRoutes}). */
    private final LocalDate today;

    BranchSupervision(NetworkStore store, String branch, ZoneId zone, Clock clock, LocalDate today) {
        this.store = store;
        this.branch = branch;
        this.zone = zone;
        this.clock = clock;
        this.today = today;
    }

    /** Work orders by category, inspections, the notebook's procedures and each device's health. */
    List<Table> tables(LocalDate from, LocalDate to, String lang) throws SQLException {
        try (Connection db = store.connection()) {
            return List.of(orders(db, from, to, lang), inspections(db, from, to, lang), corrections(db, from, to, lang),
                    health(db, from, to, lang));
        }
    }

    private Table orders(Connection db, LocalDate from, LocalDate to, String lang) throws SQLException {
        Instant now = clock.instant();
        Map<String, long[]> byCategory = new TreeMap<>();
        long[] total = new long[6];
        try (PreparedStatement ps = db.prepareStatement(ORDERS)) {
            ps.setString(1, branch);
            ps.setObject(2, from);
            ps.setString(3, zone.getId());
            ps.setObject(4, from);
            ps.setObject(5, to);
            for (JsonNode o : bodies(ps)) {
                long[] c = byCategory.computeIfAbsent(o.path("category").asText(), k -> new long[6]);
                String state = o.path("state").asText();
                Instant deadline = instant(o, "deadline");
                Instant answered = state.equals("answered") || state.equals("closed") ? instant(o, "answeredAt") : null;
                boolean onTime = answered != null && deadline != null && !answered.isAfter(deadline);
                boolean due = answered != null || (deadline != null && deadline.isBefore(now));
                long[] add = {1, answered != null ? 1 : 0, onTime ? 1 : 0, due ? 1 : 0, state.equals("closed") ? 1 : 0,
                        OPEN.contains(state) && deadline != null && deadline.isBefore(now) ? 1 : 0};
                for (int i = 0; i < add.length; i++) {
                    c[i] += add[i];
                    total[i] += add[i];
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        byCategory.forEach((category, c) -> rows.add(orderRow(category, c)));
        rows.add(orderRow(HqTexts.of(lang, "total"), total));
        return new Table(HqTexts.of(lang, "work-orders"), List.of(HqTexts.of(lang, "category"),
                HqTexts.of(lang, "opened"), HqTexts.of(lang, "answered"), HqTexts.of(lang, "on-time"),
                HqTexts.of(lang, "on-time-rate"), HqTexts.of(lang, "closed"), HqTexts.of(lang, "overdue-now")), rows);
    }

    /** counts: opened, answered, answered on time, due, closed, overdue now. */
    private static List<String> orderRow(String name, long[] c) {
        return List.of(name, Long.toString(c[0]), Long.toString(c[1]), Long.toString(c[2]), percent(c[2], c[3]),
                Long.toString(c[4]), Long.toString(c[5]));
    }

    private Table inspections(Connection db, LocalDate from, LocalDate to, String lang) throws SQLException {
        Set<String> days = new HashSet<>();
        long inspections = 0;
        long items = 0;
        long failed = 0;
        for (JsonNode i : byDay(db, "branch.inspection", "body->>'inspection'", from, to)) {
            days.add(i.path("day").asText());
            inspections++;
            items += i.path("items").asLong();
            failed += i.path("failed").asLong();
        }
        LocalDate last = to.isAfter(today) ? today : to;
        long periodDays = Math.max(0, ChronoUnit.DAYS.between(from, last) + 1);
        return new Table(HqTexts.of(lang, "inspections"), List.of(HqTexts.of(lang, "days"),
                HqTexts.of(lang, "days-inspected"), HqTexts.of(lang, "inspections"), HqTexts.of(lang, "items"),
                HqTexts.of(lang, "failed"), HqTexts.of(lang, "pass-rate")),
                List.of(List.of(Long.toString(periodDays), Integer.toString(days.size()), Long.toString(inspections),
                        Long.toString(items), Long.toString(failed), percent(items - failed, items))));
    }

    private Table corrections(Connection db, LocalDate from, LocalDate to, String lang) throws SQLException {
        Map<String, Long> times = new TreeMap<>();
        for (JsonNode n : byDay(db, "branch.correction", "body->>'note'", from, to)) {
            times.merge(n.path("procedure").asText(), 1L, Long::sum);
        }
        List<List<String>> rows = new ArrayList<>();
        times.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> rows.add(List.of(e.getKey(), Long.toString(e.getValue()))));
        return new Table(HqTexts.of(lang, "corrections"), List.of(HqTexts.of(lang, "procedure"),
                HqTexts.of(lang, "times")), rows);
    }

    private Table health(Connection db, LocalDate from, LocalDate to, String lang) throws SQLException {
        String[] levels = {"ok", "degraded", "offline", "config-error"};
        Map<String, long[]> seconds = new TreeMap<>();
        Map<String, String> worst = new TreeMap<>();
        Map<String, JsonNode> last = new TreeMap<>();
        for (JsonNode d : byDay(db, "branch.device-health-day", "body->>'device', body->>'day'", from, to)) {
            String device = d.path("device").asText();
            long[] s = seconds.computeIfAbsent(device, k -> new long[6]);
            s[0]++;
            s[1] += d.path("okSeconds").asLong();
            s[2] += d.path("degradedSeconds").asLong();
            s[3] += d.path("offlineSeconds").asLong();
            s[4] += d.path("configErrorSeconds").asLong();
            s[5] += d.path("unknownSeconds").asLong();
            String w = d.path("worst").asText();
            worst.merge(device, w, (a, b) -> List.of(levels).indexOf(b) > List.of(levels).indexOf(a) ? b : a);
            last.merge(device, d, (a, b) -> instant(b, "lastAt").isAfter(instant(a, "lastAt")) ? b : a);
        }
        List<List<String>> rows = new ArrayList<>();
        seconds.forEach((device, s) -> {
            JsonNode l = last.get(device);
            rows.add(List.of(device, Long.toString(s[0]), hours(s[1]), hours(s[2]), hours(s[3]), hours(s[4]),
                    hours(s[5]), worst.get(device), STAMP.format(instant(l, "lastAt").atZone(zone)) + " "
                            + l.path("lastLevel").asText()));
        });
        return new Table(HqTexts.of(lang, "device-health"), List.of(HqTexts.of(lang, "device"),
                HqTexts.of(lang, "days"), HqTexts.of(lang, "hours-ok"), HqTexts.of(lang, "hours-degraded"),
                HqTexts.of(lang, "hours-offline"), HqTexts.of(lang, "hours-config-error"),
                HqTexts.of(lang, "hours-unknown"), HqTexts.of(lang, "worst"), HqTexts.of(lang, "last-report")), rows);
    }

    private List<JsonNode> byDay(Connection db, String type, String key, LocalDate from, LocalDate to)
            throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(BY_DAY.formatted(key))) {
            ps.setString(1, branch);
            ps.setString(2, type);
            ps.setObject(3, from);
            ps.setString(4, from.toString());
            ps.setString(5, to.toString());
            return bodies(ps);
        }
    }

    private static List<JsonNode> bodies(PreparedStatement ps) throws SQLException {
        List<JsonNode> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    out.add(JSON.readTree(rs.getString(1)));
                } catch (IOException e) {
                    throw new SQLException("a stored fact body is unreadable: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static Instant instant(JsonNode b, String field) {
        String t = b.path(field).asText("");
        try {
            return t.isEmpty() ? null : Instant.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            return null; // checked as text at the door, not as a time: shown as absent
        }
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "" : String.format(Locale.ROOT, "%.1f", 100.0 * part / whole);
    }

    private static String hours(long seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds / 3600.0);
    }
}
