package io.counterline.server.store;

import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.RatingLevel;
import io.counterline.server.store.Rows.ArmRow;
import io.counterline.server.store.Rows.CallRow;
import io.counterline.server.store.Rows.CounterRow;
import io.counterline.server.store.Rows.HealthReportRow;
import io.counterline.server.store.Rows.LeaseRow;
import io.counterline.server.store.Rows.LockoutRow;
import io.counterline.server.store.Rows.RatingRow;
import io.counterline.server.store.Rows.TicketRow;
import io.counterline.server.store.Rows.TicketStepRow;
import io.counterline.server.store.Rows.UplinkRow;
import io.counterline.sqlite.SqliteFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BranchStore} in one SQLite file (WAL, synchronous=FULL, integrity-checked at open).
 * Synchronized: the engine thread writes; tests and tools may read through the same object.
 */
public final class SqliteBranchStore implements BranchStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteBranchStore.class);

    private final Connection db;
    private final Clock clock;
    private final MessageCodec codec = new MessageCodec();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final StoreLock lock;
    private boolean inTransaction;

    private SqliteBranchStore(Connection db, Clock clock, StoreLock lock) {
        this.db = db;
        this.clock = clock;
        this.lock = lock;
    }

    /**
     * Opens (creating and migrating) the store, after taking its lock file, so that a second
     * branch server on the same file refuses to start instead of deciding the same queue twice.
     */
    public static SqliteBranchStore open(Path file, Clock clock) throws StoreException {
        StoreLock lock = StoreLock.take(file);
        try {
            SqliteFile.Opened opened = SqliteFile.open(file);
            opened.movedAside().ifPresent(p -> log.error("the server store was corrupt and was kept as {}", p));
            int version = Migrations.apply(opened.connection());
            log.info("store {} open, schema version {}", file, version);
            return new SqliteBranchStore(opened.connection(), clock, lock);
        } catch (SQLException | RuntimeException e) {
            lock.close();
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    /** Runs JDBC work, turning its failure into a {@link StoreException} naming what was done. */
    private <T> T sql(String what, Sql<T> work) throws StoreException {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private PreparedStatement ps(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = db.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Instant instant) {
                ps.setString(i + 1, instant.toString());
            } else if (v instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    private int update(String sql, Object... values) throws SQLException {
        PreparedStatement ps = ps(sql);
        bind(ps, values);
        return ps.executeUpdate();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : Instant.parse(s);
    }

    @Override
    public synchronized <T> T inTransaction(Work<T> work) throws StoreException {
        if (inTransaction) {
            return work.run();
        }
        try {
            db.setAutoCommit(false);
            inTransaction = true;
            T result = work.run();
            db.commit();
            return result;
        } catch (StoreException | RuntimeException e) {
            rollback();
            throw e;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("commit failed: " + e.getMessage(), e);
        } finally {
            inTransaction = false;
            try {
                db.setAutoCommit(true);
            } catch (SQLException e) {
                log.debug("autocommit: {}", e.getMessage());
            }
        }
    }

    @Override
    public synchronized <T> T isolated(Work<T> work) throws StoreException {
        if (!inTransaction) {
            return inTransaction(work);
        }
        Savepoint savepoint;
        try {
            savepoint = db.setSavepoint();
        } catch (SQLException e) {
            throw new StoreException("savepoint failed: " + e.getMessage(), e);
        }
        try {
            T result = work.run();
            db.releaseSavepoint(savepoint);
            return result;
        } catch (StoreException | RuntimeException e) {
            try {
                db.rollback(savepoint);
                db.releaseSavepoint(savepoint);
            } catch (SQLException undo) {
                throw new StoreException("undoing one job failed: " + undo.getMessage(), undo);
            }
            throw e;
        } catch (SQLException e) {
            throw new StoreException("releasing a savepoint failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<EventEnvelope> storeEvents(List<EventEnvelope> events) throws StoreException {
        String receivedAt = clock.instant().toString();
        return inTransaction(() -> sql("storing " + events.size() + " events", () -> {
            List<EventEnvelope> fresh = new ArrayList<>(events.size());
            for (EventEnvelope e : events) {
                if (update("INSERT OR IGNORE INTO device_events (id, device, boot, seq, type, at, received_at, body)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e.id(), e.device(), e.boot(), e.seq(),
                        e.type().wire(), e.at(), receivedAt,
                        new String(codec.encodeBody(e.body()), StandardCharsets.UTF_8)) == 1) {
                    fresh.add(e);
                }
            }
            return fresh;
        }));
    }

    @Override
    public synchronized long countEvents() throws StoreException {
        return sql("counting events", () -> {
            try (ResultSet rs = ps("SELECT COUNT(*) FROM device_events").executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public synchronized Optional<String> loadDay() throws StoreException {
        return sql("reading the business day", () -> {
            try (ResultSet rs = ps("SELECT day FROM business_day WHERE id = 1").executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    @Override
    public synchronized void saveDay(String day) throws StoreException {
        sql("saving the business day", () -> update(
                "INSERT INTO business_day (id, day) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET day = excluded.day", day));
    }

    @Override
    public synchronized Map<String, Integer> loadNumbers(String day) throws StoreException {
        return sql("reading numbers", () -> {
            Map<String, Integer> out = new HashMap<>();
            PreparedStatement ps = ps("SELECT service, next FROM numbers WHERE day = ?");
            bind(ps, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized void saveNumber(String day, String service, int next) throws StoreException {
        sql("saving the next number", () -> update("INSERT INTO numbers (day, service, next) VALUES (?, ?, ?)"
                + " ON CONFLICT (day, service) DO UPDATE SET next = excluded.next", day, service, next));
    }

    @Override
    public synchronized List<TicketRow> loadTickets(String day) throws StoreException {
        return sql("reading tickets", () -> {
            List<TicketRow> out = new ArrayList<>();
            PreparedStatement ps = ps("SELECT * FROM tickets WHERE day = ? ORDER BY issued_at, seq");
            bind(ps, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TicketRow(rs.getString("id"), rs.getString("day"), rs.getString("service"),
                            rs.getInt("seq"), rs.getString("number"), instant(rs, "issued_at"), rs.getString("source"),
                            rs.getInt("offline") == 1, rs.getString("status"),
                            rs.getString("directed_counter"), rs.getString("counter"), rs.getString("teller"),
                            instant(rs, "called_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                            rs.getInt("recalls")));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized void saveTicket(TicketRow t) throws StoreException {
        sql("saving ticket " + t.id(), () -> update("INSERT INTO tickets (id, day, service, seq, number, issued_at,"
                        + " source, offline, status, directed_counter, counter, teller, called_at, started_at, finished_at,"
                        + " recalls) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " service = excluded.service, status = excluded.status,"
                        + " directed_counter = excluded.directed_counter, counter = excluded.counter,"
                        + " teller = excluded.teller, called_at = excluded.called_at, started_at = excluded.started_at,"
                        + " finished_at = excluded.finished_at, recalls = excluded.recalls",
                t.id(), t.day(), t.service(), t.seq(), t.number(), t.issuedAt(), t.source(), t.offline(),
                t.status(), t.directedCounter(), t.counter(), t.teller(), t.calledAt(), t.startedAt(),
                t.finishedAt(), t.recalls()));
    }

    @Override
    public synchronized boolean hasTicket(String id) throws StoreException {
        return sql("looking up ticket " + id, () -> {
            PreparedStatement ps = ps("SELECT 1 FROM tickets WHERE id = ?");
            bind(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public synchronized void logTicket(String ticket, Instant at, String action, String counter, String teller,
                                       String detail) throws StoreException {
        sql("logging ticket " + ticket, () -> update("INSERT INTO ticket_log (ticket, at, action, counter, teller, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)", ticket, at, action, counter, teller, detail));
    }

    @Override
    public synchronized List<CounterRow> loadCounters() throws StoreException {
        return sql("reading counters", () -> {
            List<CounterRow> out = new ArrayList<>();
            try (ResultSet rs = ps("SELECT * FROM counters").executeQuery()) {
                while (rs.next()) {
                    out.add(new CounterRow(rs.getString("id"), rs.getString("status"), rs.getString("teller"),
                            rs.getString("ticket"), rs.getString("pause_reason"), instant(rs, "since"),
                            rs.getString("call_id")));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized void saveCounter(CounterRow c) throws StoreException {
        sql("saving counter " + c.id(), () -> update("INSERT INTO counters (id, status, teller, ticket, pause_reason,"
                        + " since, call_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " status = excluded.status, teller = excluded.teller, ticket = excluded.ticket,"
                        + " pause_reason = excluded.pause_reason, since = excluded.since, call_id = excluded.call_id",
                c.id(), c.status(), c.teller(), c.ticket(), c.pauseReason(), c.since(), c.callId()));
    }

    @Override
    public synchronized void insertCall(CallRow c) throws StoreException {
        sql("saving call " + c.id(), () -> update("INSERT INTO calls (id, ticket, number, counter, teller, at, recall,"
                + " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.ticket(), c.number(), c.counter(), c.teller(),
                c.at(), c.recall(), c.reason()));
    }

    @Override
    public synchronized List<CallRow> recentCalls(int limit) throws StoreException {
        return sql("reading calls", () -> {
            List<CallRow> out = new ArrayList<>();
            PreparedStatement ps = ps("SELECT * FROM calls ORDER BY at DESC, rowid DESC LIMIT ?");
            bind(ps, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(callRow(rs));
                }
            }
            return out;
        });
    }

    private static CallRow callRow(ResultSet rs) throws SQLException {
        return new CallRow(rs.getString("id"), rs.getString("ticket"), rs.getString("number"), rs.getString("counter"),
                rs.getString("teller"), instant(rs, "at"), rs.getInt("recall"), rs.getString("reason"));
    }

    @Override
    public synchronized boolean insertRating(RatingRow r) throws StoreException {
        return sql("saving the rating of " + r.ticket(), () -> update("INSERT OR IGNORE INTO ratings (ticket, arm_id,"
                        + " counter, teller, level, at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)", r.ticket(), r.armId(),
                r.counter(), r.teller(), r.level().wire(), r.at(), r.eventId()) == 1);
    }

    @Override
    public synchronized Map<String, Map<RatingLevel, Integer>> ratingsByTeller(String day) throws StoreException {
        return sql("reading ratings", () -> {
            Map<String, Map<RatingLevel, Integer>> out = new HashMap<>();
            PreparedStatement ps = ps("SELECT r.teller, r.level, COUNT(*) FROM ratings r JOIN tickets t"
                    + " ON t.id = r.ticket WHERE t.day = ? GROUP BY r.teller, r.level");
            bind(ps, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(RatingLevel.class))
                            .put(RatingLevel.of(rs.getString(2)), rs.getInt(3));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized void insertArm(ArmRow a) throws StoreException {
        sql("saving arm " + a.id(), () -> update("INSERT INTO arms (id, ticket, counter, teller, expires_at, pad,"
                + " armed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", a.id(), a.ticket(), a.counter(), a.teller(), a.expiresAt(),
                a.pad(), a.armedAt()));
    }

    private static ArmRow arm(ResultSet rs) throws SQLException {
        return new ArmRow(rs.getString("id"), rs.getString("ticket"), rs.getString("counter"), rs.getString("teller"),
                instant(rs, "expires_at"), rs.getString("pad"), instant(rs, "armed_at"));
    }

    @Override
    public synchronized List<ArmRow> openArms(Instant now) throws StoreException {
        return sql("reading open arms", () -> {
            List<ArmRow> out = new ArrayList<>();
            // Times are compared here, not in SQL: ISO text with and without fractions does not sort.
            try (ResultSet rs = ps("SELECT * FROM arms a WHERE a.pad IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.ticket = a.ticket)").executeQuery()) {
                while (rs.next()) {
                    ArmRow a = arm(rs);
                    if (a.expiresAt().isAfter(now)) {
                        out.add(a);
                    }
                }
            }
            out.sort((x, y) -> x.armedAt().compareTo(y.armedAt()));
            return out;
        });
    }

    @Override
    public synchronized Optional<ArmRow> findArm(String id) throws StoreException {
        return sql("reading arm " + id, () -> {
            PreparedStatement ps = ps("SELECT * FROM arms WHERE id = ?");
            bind(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(arm(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public synchronized void insertLease(LeaseRow l) throws StoreException {
        sql("saving a lease", () -> update("INSERT INTO leases (device, day, service, first, last) VALUES (?, ?, ?, ?, ?)",
                l.device(), l.day(), l.service(), l.first(), l.last()));
    }

    @Override
    public synchronized List<LeaseRow> leases(String device, String day) throws StoreException {
        return readLeases("SELECT * FROM leases WHERE device = ? AND day = ?", device, day);
    }

    private List<LeaseRow> readLeases(String query, Object... values) throws StoreException {
        return sql("reading leases", () -> {
            List<LeaseRow> out = new ArrayList<>();
            PreparedStatement ps = ps(query);
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LeaseRow(rs.getString("device"), rs.getString("day"), rs.getString("service"),
                            rs.getInt("first"), rs.getInt("last")));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized List<LeaseRow> leases(String day) throws StoreException {
        return readLeases("SELECT * FROM leases WHERE day = ?", day);
    }

    @Override
    public synchronized List<LockoutRow> loadLockouts() throws StoreException {
        return sql("reading PIN lockouts", () -> {
            List<LockoutRow> out = new ArrayList<>();
            try (ResultSet rs = ps("SELECT * FROM pin_lockouts").executeQuery()) {
                while (rs.next()) {
                    out.add(new LockoutRow(rs.getString("subject"), rs.getInt("failures"), instant(rs, "locked_until")));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized void saveLockout(LockoutRow l) throws StoreException {
        sql("saving a PIN lockout", () -> update("INSERT INTO pin_lockouts (subject, failures, locked_until)"
                + " VALUES (?, ?, ?) ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures,"
                + " locked_until = excluded.locked_until", l.subject(), l.failures(), l.lockedUntil()));
    }

    @Override
    public synchronized Optional<String> findResponse(String device, String id) throws StoreException {
        return sql("reading an earlier answer", () -> {
            PreparedStatement ps = ps("SELECT response FROM requests WHERE device = ? AND id = ?");
            bind(ps, device, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    @Override
    public synchronized void saveResponse(String device, String id, String op, Instant at, String json)
            throws StoreException {
        sql("saving an answer", () -> update("INSERT OR IGNORE INTO requests (device, id, op, at, response)"
                + " VALUES (?, ?, ?, ?, ?)", device, id, op, at, json));
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
            db.close();
        } catch (SQLException e) {
            log.warn("closing the store: {}", e.getMessage());
        } finally {
            lock.close();
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException e) {
            log.debug("rollback: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void journalUplink(List<UplinkRow> facts) throws StoreException {
        sql("journaling " + facts.size() + " facts for head office", () -> {
            PreparedStatement ps = ps("INSERT INTO uplink_journal (type, body) VALUES (?, ?)");
            for (UplinkRow f : facts) {
                bind(ps, f.type(), f.body());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized List<UplinkRow> journaledUplink(long afterId, int limit) throws StoreException {
        return sql("reading the uplink journal", () -> {
            List<UplinkRow> out = new ArrayList<>();
            PreparedStatement ps = ps("SELECT id, type, body FROM uplink_journal WHERE id > ? ORDER BY id LIMIT ?");
            bind(ps, afterId, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UplinkRow(rs.getLong("id"), rs.getString("type"), rs.getString("body")));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized void forgetJournaledUplink(long upToId) throws StoreException {
        sql("trimming the uplink journal", () -> update("DELETE FROM uplink_journal WHERE id <= ?", upToId));
    }

    @Override
    public synchronized int journaledUplinkCount() throws StoreException {
        return sql("counting the uplink journal", () -> {
            try (ResultSet rs = ps("SELECT COUNT(*) FROM uplink_journal").executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Override
    public synchronized Map<EventType, Long> reconcileCounts(String day) throws StoreException {
        return sql("counting the facts of " + day, () -> {
            Map<EventType, Long> out = new EnumMap<>(EventType.class);
            out.put(EventType.BRANCH_TICKET, count("SELECT COUNT(*) FROM tickets WHERE day = ?", day));
            out.put(EventType.BRANCH_TICKET_STEP, count("SELECT COUNT(DISTINCT ticket || '|' || at || '|' || action)"
                    + " FROM ticket_log WHERE substr(at, 1, 10) = ?", day));
            out.put(EventType.BRANCH_CALL, count("SELECT COUNT(*) FROM calls WHERE substr(at, 1, 10) = ?", day));
            out.put(EventType.BRANCH_RATING, count("SELECT COUNT(*) FROM ratings WHERE substr(at, 1, 10) = ?", day));
            out.put(EventType.BRANCH_DEVICE_HEALTH, count("SELECT COUNT(*) FROM device_events"
                    + " WHERE type = 'health.changed' AND substr(at, 1, 10) = ?", day));
            out.put(EventType.BRANCH_DEVICE_HEALTH_DAY, count("SELECT COUNT(*) FROM device_health_days WHERE day = ?", day));
            return out;
        });
    }

    private long count(String sql, Object... values) throws SQLException {
        PreparedStatement ps = ps(sql);
        bind(ps, values);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public synchronized List<CallRow> callsOn(String day) throws StoreException {
        return list("reading the calls of " + day, "SELECT * FROM calls WHERE substr(at, 1, 10) = ? ORDER BY at, rowid",
                SqliteBranchStore::callRow, day);
    }

    @Override
    public synchronized List<RatingRow> ratingsOn(String day) throws StoreException {
        return list("reading the ratings of " + day,
                "SELECT * FROM ratings WHERE substr(at, 1, 10) = ? ORDER BY at, rowid",
                rs -> new RatingRow(rs.getString("ticket"), rs.getString("arm_id"), rs.getString("counter"),
                        rs.getString("teller"), RatingLevel.of(rs.getString("level")), instant(rs, "at"),
                        rs.getString("event_id")), day);
    }

    @Override
    public synchronized List<TicketStepRow> ticketStepsOn(String day) throws StoreException {
        return list("reading the ticket steps of " + day,
                "SELECT * FROM ticket_log WHERE substr(at, 1, 10) = ? ORDER BY at, rowid",
                rs -> new TicketStepRow(rs.getString("ticket"), instant(rs, "at"), rs.getString("action"),
                        rs.getString("counter"), rs.getString("teller"), rs.getString("detail")), day);
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> list(String what, String query, RowReader<T> reader, Object... values) throws StoreException {
        return sql(what, () -> {
            List<T> out = new ArrayList<>();
            PreparedStatement ps = ps(query);
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        });
    }

    private static HealthReportRow healthRow(ResultSet rs) throws SQLException {
        return new HealthReportRow(rs.getString("id"), rs.getString("device"), instant(rs, "at"), rs.getString("body"));
    }

    @Override
    public synchronized List<HealthReportRow> healthReports(Instant from, Instant to) throws StoreException {
        return list("reading health reports", "SELECT * FROM device_events WHERE type = 'health.changed'"
                + " AND at >= ? AND at <= ? ORDER BY at, rowid", SqliteBranchStore::healthRow, from, to);
    }

    @Override
    public synchronized List<HealthReportRow> lastHealthReports(Instant at) throws StoreException {
        return list("reading last health reports", "SELECT * FROM device_events e WHERE type = 'health.changed'"
                + " AND rowid = (SELECT rowid FROM device_events l WHERE l.type = 'health.changed'"
                + " AND l.device = e.device AND l.at < ? ORDER BY l.at DESC, l.rowid DESC LIMIT 1) ORDER BY device",
                SqliteBranchStore::healthRow, at);
    }

    @Override
    public synchronized Optional<String> lastHealthDayBuilt() throws StoreException {
        return sql("reading the health days built", () -> {
            try (ResultSet rs = ps("SELECT MAX(day) FROM device_health_days_built").executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    @Override
    public synchronized void saveHealthDay(String day, Map<String, String> bodies) throws StoreException {
        sql("keeping the health summaries of " + day, () -> {
            for (Map.Entry<String, String> b : bodies.entrySet()) {
                update("INSERT OR REPLACE INTO device_health_days (day, device, body) VALUES (?, ?, ?)", day, b.getKey(),
                        b.getValue());
            }
            update("INSERT OR IGNORE INTO device_health_days_built (day, built_at) VALUES (?, ?)", day,
                    clock.instant());
            return null;
        });
    }

    @Override
    public synchronized List<String> healthDayBodies(String day) throws StoreException {
        return list("reading the health summaries of " + day,
                "SELECT body FROM device_health_days WHERE day = ? ORDER BY device", rs -> rs.getString(1), day);
    }
}
