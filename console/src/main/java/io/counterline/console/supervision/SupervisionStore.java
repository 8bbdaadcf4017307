package io.counterline.console.supervision;

import io.counterline.sqlite.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervision's tables in {@code console.db} (created by the console store's migrations, which
 * must have run first), over a connection of its own so that the console store stays as it is.
 * Every change is one transaction: an order and its first step, a step and the order's new state,
 * never one without the other.
 */
public final class SupervisionStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SupervisionStore.class);

    /** A row of the business calendar. */
    public record CalendarDay(LocalDate day, boolean working, String note, String changedBy) {
    }

    private final Connection db;
    private volatile Runnable journaled = () -> { };
    /** Whether the transaction under way journaled a fact (guarded by this object's lock). */
    private boolean journaledNow;

    private SupervisionStore(Connection db) {
        this.db = db;
    }

    /** @param consoleDb the console's file, already migrated by {@code ConsoleStore.open} */
    public static SupervisionStore open(Path consoleDb) throws SQLException {
        return new SupervisionStore(SqliteFile.open(consoleDb).connection());
    }

    // ---------------------------------------------------------------- categories, settings, calendar

    public synchronized List<Category> categories() throws SQLException {
        List<Category> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, name_zh, name_en, limit_amount, limit_unit FROM supervision_categories ORDER BY position, id")) {
            while (rs.next()) {
                out.add(new Category(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getInt(4) + ("hours".equals(rs.getString(5)) ? "h" : "d")));
            }
        }
        return out;
    }

    /** @return false when there is no such category */
    public synchronized boolean setCategoryLimit(String id, String limit) throws SQLException {
        String stored = Category.limit(limit);
        return update("UPDATE supervision_categories SET limit_amount = ?, limit_unit = ? WHERE id = ?",
                Integer.parseInt(stored.substring(0, stored.length() - 1)), stored.endsWith("h") ? "hours" : "days",
                id) > 0;
    }

    public synchronized Map<String, String> settings() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT key, value FROM supervision_settings")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    public synchronized void setSetting(String key, String value) throws SQLException {
        update("INSERT INTO supervision_settings (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
    }

    public synchronized List<CalendarDay> calendarDays() throws SQLException {
        List<CalendarDay> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT day, kind, note, changed_by FROM business_calendar ORDER BY day")) {
            while (rs.next()) {
                out.add(new CalendarDay(LocalDate.parse(rs.getString(1)), "workday".equals(rs.getString(2)),
                        rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    public synchronized void putCalendarDay(CalendarDay d, Instant at) throws SQLException {
        update("INSERT INTO business_calendar (day, kind, note, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note,"
                + " changed_by = excluded.changed_by, changed_at = excluded.changed_at",
                d.day().toString(), d.working() ? "workday" : "holiday", d.note(), d.changedBy(), at.toString());
    }

    public synchronized boolean removeCalendarDay(LocalDate day) throws SQLException {
        return update("DELETE FROM business_calendar WHERE day = ?", day.toString()) > 0;
    }

    /** The calendar as the table and the working-hours settings say now. */
    public synchronized BusinessCalendar calendar(ZoneId zone) throws SQLException {
        Map<String, String> s = settings();
        Map<LocalDate, Boolean> exceptions = new LinkedHashMap<>();
        for (CalendarDay d : calendarDays()) {
            exceptions.put(d.day(), d.working());
        }
        return new BusinessCalendar(zone, LocalTime.parse(s.getOrDefault("workday-start", "09:00")),
                LocalTime.parse(s.getOrDefault("workday-end", "17:00")), exceptions);
    }

    // ---------------------------------------------------------------- orders

    /**
     * Stores a new order with its first step. An order for a rating already ordered is not stored
     * twice (empty answer).
     */
    public synchronized Optional<Long> addOrder(WorkOrder o, String note) throws SQLException {
        return inTransaction(() -> insertOrder(o, note));
    }

    /**
     * Stores a new order unless one was already created with the same first-step note (a counter
     * caller's request key: the caller asks again with the same request id when it heard no
     * answer). Kept in the history's note, which is never changed, so that no migration of
     * {@code work_orders} is needed; counter orders are few, the lookup reads the create steps.
     *
     * @return the order's id, new or found
     */
    public synchronized OrderOnce addOrderOnce(WorkOrder o, String createNote) throws SQLException {
        return addOrderOnce(o, createNote, null);
    }

    /**
     * As {@link #addOrderOnce(WorkOrder, String)}, with the teller's dictated note (its recording
     * id, or null) stored in the same transaction.
     */
    public synchronized OrderOnce addOrderOnce(WorkOrder o, String createNote, String voiceNote) throws SQLException {
        return inTransaction(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT order_id FROM work_order_steps WHERE action = 'create'"
                    + " AND note = ? ORDER BY id LIMIT 1")) {
                bind(ps, createNote);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new OrderOnce(rs.getLong(1), false);
                    }
                }
            }
            long id = insertOrder(o, createNote).orElseThrow(() -> new SQLException("order not stored"));
            if (voiceNote != null) {
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO order_voice_notes (work_order, recording_id)"
                        + " VALUES (?, ?)")) {
                    bind(ps, id, voiceNote);
                    ps.executeUpdate();
                }
            }
            return new OrderOnce(id, true);
        });
    }

    /** The recording id of the note dictated for an order, if it has one. */
    public synchronized Optional<String> voiceNote(long order) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT recording_id FROM order_voice_notes WHERE work_order = ?")) {
            bind(ps, order);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** @param created false when the order was found, created by an earlier copy of the request */
    public record OrderOnce(long id, boolean created) {
    }

    private Optional<Long> insertOrder(WorkOrder o, String note) throws SQLException {
        {
            long id;
            try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO work_orders (category, channel, state,"
                    + " priority, description, contact, ticket, rating, counter, teller, owner, deadline, round,"
                    + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                bind(ps, o.category(), o.channel(), o.state().wire(), o.priority(), o.description(), o.contact(),
                        o.ticket(), o.rating(), o.counter(), o.teller(), o.owner(), o.deadline().toString(), o.round(),
                        o.createdBy(), o.createdAt().toString());
                if (ps.executeUpdate() == 0) {
                    return Optional.<Long>empty();
                }
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            long step = addStep(new OrderStep(id, o.createdAt(), o.createdBy(), "create", o.state(), o.owner(), note));
            journalOrder(id, Long.toString(step), "create", o.state(), o.createdAt());
            return Optional.of(id);
        }
    }

    // ---------------------------------------------------------------- inspections

    public synchronized long addChecklist(Checklist c, Instant at) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO inspection_checklists (name, items, created_by,"
                + " created_at) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, c.name(), String.join("\n", c.items()), c.createdBy(), at.toString());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public synchronized List<Checklist> checklists() throws SQLException {
        List<Checklist> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, name, items, created_by FROM inspection_checklists ORDER BY id")) {
            while (rs.next()) {
                out.add(new Checklist(rs.getLong(1), rs.getString(2), List.of(rs.getString(3).split("\n")),
                        rs.getString(4)));
            }
        }
        return out;
    }

    /**
     * Stores a filled inspection, its items and the rectification orders of its failed items, all
     * in one transaction.
     *
     * @param rectifications by item position, the orders to create (checked already)
     * @return the inspection's id
     */
    public synchronized long addInspection(Inspection i, Map<Integer, WorkOrder> rectifications,
                                           Map<Integer, Long> orderIds) throws SQLException {
        return inTransaction(() -> {
            long id;
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO inspections (checklist_id, day, counter,"
                    + " inspector, at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                bind(ps, i.checklistId(), i.day().toString(), i.counter(), i.inspector(), i.at().toString());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            for (Inspection.Item item : i.items()) {
                Long orderId = null;
                WorkOrder o = rectifications.get(item.position());
                if (o != null) {
                    orderId = insertOrder(o, "").orElseThrow(() -> new SQLException("rectification order not stored"));
                    orderIds.put(item.position(), orderId);
                }
                update("INSERT INTO inspection_items (inspection_id, position, item, passed, note, order_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", id, item.position(), item.item(), item.passed() ? 1 : 0,
                        item.note(), orderId);
            }
            journalInspection(id);
            return id;
        });
    }

    /** Inspections of the days {@code from}..{@code to} with their items, oldest first. */
    public synchronized List<Inspection> inspections(LocalDate from, LocalDate to) throws SQLException {
        return inspections("WHERE n.day >= ? AND n.day <= ?", from.toString(), to.toString());
    }

    private List<Inspection> inspections(String where, Object... args) throws SQLException {
        Map<Long, Inspection> out = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT n.id, n.checklist_id, n.day, n.counter, n.inspector, n.at"
                + " FROM inspections n " + where + " ORDER BY n.id")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Inspection(rs.getLong(1), rs.getLong(2), LocalDate.parse(rs.getString(3)),
                            rs.getString(4), rs.getString(5), Instant.parse(rs.getString(6)), new ArrayList<>()));
                }
            }
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT i.inspection_id, i.position, i.item, i.passed, i.note,"
                + " i.order_id FROM inspection_items i JOIN inspections n ON n.id = i.inspection_id "
                + where + " ORDER BY i.inspection_id, i.position")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long orderId = rs.getLong(6);
                    Long order = rs.wasNull() ? null : orderId;
                    out.get(rs.getLong(1)).items().add(new Inspection.Item(rs.getInt(2), rs.getString(3),
                            rs.getInt(4) != 0, rs.getString(5), order));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Moves an order on, only if it is still in {@code expected} (two supervisors pressing at once:
     * the second is refused, not applied twice). The step is stored in the same transaction.
     *
     * @return false when the order was no longer in {@code expected}
     */
    public synchronized boolean advance(WorkOrder after, OrderState expected, OrderStep step) throws SQLException {
        return inTransaction(() -> {
            int n = update("UPDATE work_orders SET state = ?, owner = ?, deadline = ?, round = ?, answered_at = ?,"
                    + " closed_at = ? WHERE id = ? AND state = ?", after.state().wire(), after.owner(),
                    after.deadline().toString(), after.round(), text(after.answeredAt()), text(after.closedAt()),
                    after.id(), expected.wire());
            if (n == 0) {
                return false;
            }
            long stepId = addStep(step);
            journalOrder(after.id(), Long.toString(stepId), step.action(), step.state(), step.at());
            return true;
        });
    }

    public synchronized Optional<WorkOrder> order(long id) throws SQLException {
        List<WorkOrder> l = orders("WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The newest {@code limit} orders, newest first. */
    public synchronized List<WorkOrder> orders(int limit) throws SQLException {
        return orders("ORDER BY id DESC LIMIT ?", limit);
    }

    /** Orders created in [{@code from}, {@code to}), oldest first. */
    public synchronized List<WorkOrder> ordersCreated(Instant from, Instant to) throws SQLException {
        return orders("WHERE created_at >= ? AND created_at < ? ORDER BY id", from.toString(), to.toString());
    }

    /** Orders whose deadline still runs. */
    public synchronized List<WorkOrder> openOrders() throws SQLException {
        return orders("WHERE state IN ('new', 'assigned', 'in-progress') ORDER BY id");
    }

    public synchronized List<OrderStep> steps(long orderId) throws SQLException {
        List<OrderStep> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT order_id, at, actor, action, state, owner, note FROM work_order_steps WHERE order_id = ? ORDER BY id")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OrderStep(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3),
                            rs.getString(4), OrderState.of(rs.getString(5)), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- notices

    /**
     * Stores a notice unless one with the same key exists.
     *
     * @return true when it is new (and so must be shown), false when it was raised before
     */
    public synchronized boolean raise(String key, long orderId, EscalationLevel level, String recipient, Instant due,
                                      Instant at) throws SQLException {
        return inTransaction(() -> {
            if (update("INSERT OR IGNORE INTO supervision_notices (key, order_id, level, recipient, due_at, raised_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", key, orderId, level.wire(), recipient, due.toString(),
                    at.toString()) == 0) {
                return false;
            }
            WorkOrder o = orders("WHERE id = ?", orderId).get(0);
            journalOrder(orderId, "n" + lastRowId(), SupervisionFacts.ESCALATION + level.wire(), o.state(), at);
            return true;
        });
    }

    /** The newest {@code limit} notices, newest first. */
    public synchronized List<Notice> notices(int limit) throws SQLException {
        List<Notice> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, key, order_id, level, recipient, due_at, raised_at"
                + " FROM supervision_notices ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Notice(rs.getLong(1), rs.getString(2), rs.getLong(3),
                            EscalationLevel.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)), rs.getString(5),
                            Instant.parse(rs.getString(6)), Instant.parse(rs.getString(7))));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- correction notebook

    public synchronized long addNote(CorrectionNote n) throws SQLException {
        return inTransaction(() -> {
            long id;
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO correction_notes (day, at, counter, teller,"
                    + " observed, procedure, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                bind(ps, n.day().toString(), n.at().toString(), n.counter(), n.teller(), n.observed(), n.procedure(),
                        n.recordedBy(), n.recordedAt().toString());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            journal(SupervisionFacts.CORRECTION, SupervisionFacts.correction(notes("WHERE id = ?", id).get(0)));
            return id;
        });
    }

    /** Entries of the business days {@code from}..{@code to}, oldest first. */
    public synchronized List<CorrectionNote> notes(LocalDate from, LocalDate to) throws SQLException {
        return notes("WHERE day >= ? AND day <= ? ORDER BY at, id", from.toString(), to.toString());
    }

    /** One teller's newest {@code limit} entries, newest first. */
    public synchronized List<CorrectionNote> notesOf(String teller, int limit) throws SQLException {
        return notes("WHERE teller = ? ORDER BY at DESC, id DESC LIMIT ?", teller, limit);
    }

    private List<CorrectionNote> notes(String where, Object... args) throws SQLException {
        List<CorrectionNote> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, day, at, counter, teller, observed, procedure,"
                + " recorded_by, recorded_at FROM correction_notes " + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CorrectionNote(rs.getLong(1), LocalDate.parse(rs.getString(2)), Instant.parse(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            Instant.parse(rs.getString(9))));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- uplink journal

    /** A supervision fact journaled for head office, in the order committed. */
    public record JournalRow(long id, String type, String body) {
    }

    /**
     * Journals a fact in the caller's transaction: committed with the change it describes or undone
     * with it. The branch server's uplink copies the journal to its outbox and forgets what it
     * copied; a branch without a head office forgets it at start (docs/head-office.md).
     */
    private void journal(String type, com.fasterxml.jackson.databind.node.ObjectNode body) throws SQLException {
        journaledNow = true;
        update("INSERT INTO supervision_uplink_journal (type, body) VALUES (?, ?)", type, body.toString());
    }

    private void journalOrder(long id, String step, String action, OrderState state, Instant at) throws SQLException {
        journal(SupervisionFacts.WORK_ORDER, SupervisionFacts.workOrder(orders("WHERE id = ?", id).get(0), step, action,
                state, at));
    }

    private void journalInspection(long id) throws SQLException {
        for (Inspection i : inspections("WHERE n.id = ?", id)) {
            journal(SupervisionFacts.INSPECTION, SupervisionFacts.inspection(i, checklistName(i.checklistId())));
        }
    }

    private String checklistName(long checklist) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT name FROM inspection_checklists WHERE id = ?")) {
            bind(ps, checklist);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    /** {@code listener} is told after each commit that journaled facts (it must return at once). */
    public void onJournaled(Runnable listener) {
        journaled = listener;
    }

    /** Journaled facts after {@code afterId}, oldest first. */
    public synchronized List<JournalRow> journaled(long afterId, int limit) throws SQLException {
        List<JournalRow> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT id, type, body FROM supervision_uplink_journal WHERE id > ? ORDER BY id LIMIT ?")) {
            bind(ps, afterId, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JournalRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /** Forgets the journaled facts up to {@code upToId} (copied to the uplink's outbox). */
    public synchronized void forgetJournaled(long upToId) throws SQLException {
        update("DELETE FROM supervision_uplink_journal WHERE id <= ?", upToId);
    }

    public synchronized int journaledCount() throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM supervision_uplink_journal")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * For the nightly reconciliation: how many supervision facts of each kind were committed on
     * {@code day} (UTC, by the {@code at} of their bodies), each once by its natural key.
     */
    public synchronized Map<String, Long> reconcileCounts(LocalDate day) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(SupervisionFacts.WORK_ORDER, count("SELECT (SELECT COUNT(*) FROM work_order_steps WHERE substr(at, 1, 10) = ?)"
                + " + (SELECT COUNT(*) FROM supervision_notices WHERE substr(raised_at, 1, 10) = ?)", day, day));
        out.put(SupervisionFacts.INSPECTION, count("SELECT COUNT(*) FROM inspections WHERE substr(at, 1, 10) = ?", day));
        out.put(SupervisionFacts.CORRECTION, count("SELECT COUNT(*) FROM correction_notes"
                + " WHERE substr(recorded_at, 1, 10) = ?", day));
        return out;
    }

    /**
     * The bodies of {@code day}'s facts of one kind, built again for head office's request. A work
     * order's step comes back with the state that step left, and the order's other fields (deadline,
     * round, answer and close times) as they are now: its intermediate versions are not kept.
     */
    public synchronized List<com.fasterxml.jackson.databind.node.ObjectNode> factsOn(String type, LocalDate day)
            throws SQLException {
        List<com.fasterxml.jackson.databind.node.ObjectNode> out = new ArrayList<>();
        switch (type) {
            case SupervisionFacts.WORK_ORDER -> {
                try (PreparedStatement ps = db.prepareStatement("SELECT order_id, id, action, state, at FROM ("
                        + " SELECT order_id, CAST(id AS TEXT) AS id, action, state, at FROM work_order_steps"
                        + " WHERE substr(at, 1, 10) = ?1 UNION ALL SELECT n.order_id, 'n' || n.id, ?2 || n.level, o.state,"
                        + " n.raised_at FROM supervision_notices n JOIN work_orders o ON o.id = n.order_id"
                        + " WHERE substr(n.raised_at, 1, 10) = ?1) ORDER BY at, id")) {
                    bind(ps, day.toString(), SupervisionFacts.ESCALATION);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            WorkOrder o = orders("WHERE id = ?", rs.getLong(1)).get(0);
                            out.add(SupervisionFacts.workOrder(o, rs.getString(2), rs.getString(3),
                                    OrderState.of(rs.getString(4)), Instant.parse(rs.getString(5))));
                        }
                    }
                }
            }
            case SupervisionFacts.INSPECTION -> {
                for (Inspection i : inspections("WHERE substr(n.at, 1, 10) = ?", day.toString())) {
                    out.add(SupervisionFacts.inspection(i, checklistName(i.checklistId())));
                }
            }
            case SupervisionFacts.CORRECTION -> {
                for (CorrectionNote n : notes("WHERE substr(recorded_at, 1, 10) = ? ORDER BY id", day.toString())) {
                    out.add(SupervisionFacts.correction(n));
                }
            }
            default -> throw new IllegalArgumentException(type + " is not a supervision fact");
        }
        return out;
    }

    private long count(String sql, LocalDate... days) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < days.length; i++) {
                ps.setString(i + 1, days[i].toString());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            log.warn("closing supervision store: {}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- helpers

    private List<WorkOrder> orders(String where, Object... args) throws SQLException {
        List<WorkOrder> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, category, channel, state, priority, description,"
                + " contact, ticket, rating, counter, teller, owner, deadline, round, created_by, created_at, answered_at,"
                + " closed_at FROM work_orders " + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WorkOrder(rs.getLong(1), rs.getString(2), rs.getString(3), OrderState.of(rs.getString(4)),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12), Instant.parse(rs.getString(13)),
                            rs.getInt(14), rs.getString(15), Instant.parse(rs.getString(16)), instant(rs.getString(17)),
                            instant(rs.getString(18))));
                }
            }
        }
        return out;
    }

    /** @return the step's id */
    private long addStep(OrderStep s) throws SQLException {
        update("INSERT INTO work_order_steps (order_id, at, actor, action, state, owner, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                s.orderId(), s.at().toString(), s.actor(), s.action(), s.state().wire(), s.owner(), s.note());
        return lastRowId();
    }

    private long lastRowId() throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        db.setAutoCommit(false);
        journaledNow = false;
        try {
            T result = work.run();
            db.commit();
            if (journaledNow) {
                journaled.run();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
