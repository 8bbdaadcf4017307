package io.counterline.console.store;

import io.counterline.console.auth.LoginThrottle;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.User;
import io.counterline.sqlite.SchemaMigrations;
import io.counterline.sqlite.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's own SQLite file ({@code console.db} beside the branch store): users, sessions
 * and the audit log, with its own migrations. One connection, used under this object's lock;
 * console traffic is a few requests a second.
 */
public final class ConsoleStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleStore.class);
    /** Migration n is {@code console-db/V<n>__*.sql}; append only. */
    private static final List<String> SCRIPTS = List.of("console-db/V1__console.sql", "console-db/V2__tellers.sql",
            "console-db/V3__supervision.sql", "console-db/V4__signage.sql", "console-db/V5__floor.sql",
            "console-db/V6__teller_photos.sql", "console-db/V7__recordings.sql",
            "console-db/V8__throttle_new_services.sql", "console-db/V9__order_voice_notes.sql",
            "console-db/V10__added_counters.sql", "console-db/V11__supervision_uplink.sql",
            "console-db/V12__head_office_config.sql", "console-db/V13__head_office_signage.sql");

    /** A stored session: whose, its CSRF token, when last used. */
    public record Session(long userId, String csrf, Instant createdAt, Instant seenAt) {
    }

    /** One line of the audit log. */
    public record AuditEntry(long id, Instant at, String actor, String ip, String action, String target,
                             String before, String after) {
    }

    private final Connection db;

    private ConsoleStore(Connection db) {
        this.db = db;
    }

    public static ConsoleStore open(Path file) throws SQLException {
        Connection c = SqliteFile.open(file).connection();
        try {
            SchemaMigrations.apply(c, SCRIPTS, "console.db");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new ConsoleStore(c);
    }

    // ---------------------------------------------------------------- users

    public synchronized long addUser(String login, String name, String passwordHash, Role role, Scope scope,
                                     Optional<String> teller, String language, Instant at) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO users (login, name, password_hash, role, scope,"
                + " teller, language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, login);
            ps.setString(2, name);
            ps.setString(3, passwordHash);
            ps.setString(4, role.wire());
            ps.setString(5, scope.text());
            ps.setString(6, teller.orElse(null));
            ps.setString(7, language);
            ps.setString(8, at.toString());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public synchronized Optional<User> user(long id) throws SQLException {
        return one("SELECT * FROM users WHERE id = ?", id);
    }

    public synchronized Optional<User> userByLogin(String login) throws SQLException {
        return one("SELECT * FROM users WHERE login = ?", login);
    }

    public synchronized Optional<String> passwordHash(long userId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public synchronized List<User> users() throws SQLException {
        List<User> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM users ORDER BY login")) {
            while (rs.next()) {
                out.add(user(rs));
            }
        }
        return out;
    }

    public synchronized void setDisabled(long userId, boolean disabled) throws SQLException {
        update("UPDATE users SET disabled = ? WHERE id = ?", disabled ? 1 : 0, userId);
        if (disabled) {
            update("DELETE FROM sessions WHERE user_id = ?", userId);
        }
    }

    public synchronized void setPasswordHash(long userId, String passwordHash) throws SQLException {
        update("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId);
        update("DELETE FROM sessions WHERE user_id = ?", userId);
    }

    public synchronized void setLanguage(long userId, String language) throws SQLException {
        update("UPDATE users SET language = ? WHERE id = ?", language, userId);
    }

    public synchronized boolean hasUsers() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM users")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    // ---------------------------------------------------------------- login throttling

    /** The throttle's entries as last written (loaded once at start). */
    public synchronized List<LoginThrottle.Entry> throttleEntries() throws SQLException {
        List<LoginThrottle.Entry> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT key, failures, last_failure, until FROM login_throttle")) {
            while (rs.next()) {
                out.add(new LoginThrottle.Entry(rs.getString(1), rs.getInt(2), Instant.parse(rs.getString(3)),
                        Instant.parse(rs.getString(4))));
            }
        }
        return out;
    }

    /** Writes these entries and removes those keys, in one transaction. */
    public synchronized void saveThrottle(List<LoginThrottle.Entry> entries, List<String> removed) throws SQLException {
        inTransaction(() -> {
            try (PreparedStatement put = db.prepareStatement("INSERT INTO login_throttle (key, failures, last_failure,"
                    + " until) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,"
                    + " last_failure = excluded.last_failure, until = excluded.until");
                 PreparedStatement del = db.prepareStatement("DELETE FROM login_throttle WHERE key = ?")) {
                for (LoginThrottle.Entry e : entries) {
                    put.setString(1, e.key());
                    put.setInt(2, e.failures());
                    put.setString(3, e.lastFailure().toString());
                    put.setString(4, e.until().toString());
                    put.addBatch();
                }
                for (String key : removed) {
                    del.setString(1, key);
                    del.addBatch();
                }
                put.executeBatch();
                del.executeBatch();
            }
        });
    }

    /** Login throttling kept here: what {@link LoginThrottle} loads at start and its writer thread saves. */
    public LoginThrottle.Keeper throttleKeeper() {
        return new LoginThrottle.Keeper() {
            @Override
            public List<LoginThrottle.Entry> load() throws SQLException {
                return throttleEntries();
            }

            @Override
            public void save(List<LoginThrottle.Entry> entries, List<String> removed) throws SQLException {
                saveThrottle(entries, removed);
            }
        };
    }

    // ---------------------------------------------------------------- tellers changed in the console

    /** A teller as the console last set them; {@code pinHash} null keeps the branch file's PIN. */
    public record TellerRow(String id, String name, String employeeNo, String pinHash, boolean disabled) {
    }

    public synchronized List<TellerRow> tellers() throws SQLException {
        List<TellerRow> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, name, employee_no, pin_hash, disabled FROM tellers ORDER BY id")) {
            while (rs.next()) {
                out.add(new TellerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5) != 0));
            }
        }
        return out;
    }

    public synchronized void saveTeller(TellerRow t, Instant at) throws SQLException {
        update("INSERT INTO tellers (id, name, employee_no, pin_hash, disabled, changed_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, employee_no = excluded.employee_no,"
                + " pin_hash = excluded.pin_hash, disabled = excluded.disabled, changed_at = excluded.changed_at",
                t.id(), t.name(), t.employeeNo(), t.pinHash(), t.disabled() ? 1 : 0, at.toString());
    }

    // ---------------------------------------------------------------- services and counters changed in the console

    /** A service or counter as the console last set it; {@code kind} is "service" or "counter". */
    public record FloorRow(String kind, String id, String nameZh, String nameEn, boolean disabled) {
    }

    public synchronized List<FloorRow> floorChanges() throws SQLException {
        List<FloorRow> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT kind, id, name_zh, name_en, disabled FROM floor_changes ORDER BY kind, id")) {
            while (rs.next()) {
                out.add(new FloorRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5) != 0));
            }
        }
        return out;
    }

    /** A service added in the console; {@code counters} as "c1=1,c2=2" (counter=weight). */
    public record AddedServiceRow(String id, String prefix, int first, int last, String opens, String closes,
                                  String counters) {
    }

    public synchronized List<AddedServiceRow> addedServices() throws SQLException {
        List<AddedServiceRow> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, prefix, first, last, opens, closes, counters FROM added_services ORDER BY added_at, id")) {
            while (rs.next()) {
                out.add(new AddedServiceRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
        return out;
    }

    /** Adds the service and its names (a floor_changes row) in one transaction. */
    public synchronized void addService(AddedServiceRow r, FloorRow names, Instant at) throws SQLException {
        inTransaction(() -> {
            update("INSERT INTO added_services (id, prefix, first, last, opens, closes, counters, added_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.prefix(), r.first(), r.last(), r.opens(), r.closes(),
                    r.counters(), at.toString());
            saveFloorChange(names, at);
        });
    }

    /**
     * A counter added in the console with its two devices; {@code services} as "A=1,B=2"
     * (service=weight); the devices' secrets only as their broker hashes.
     */
    public record AddedCounterRow(String id, String number, String services, String caller, String callerSecretHash,
                                  String pad, String padSecretHash) {
    }

    public synchronized List<AddedCounterRow> addedCounters() throws SQLException {
        List<AddedCounterRow> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT id, number, services, caller,"
                + " caller_secret_hash, pad, pad_secret_hash FROM added_counters ORDER BY added_at, id")) {
            while (rs.next()) {
                out.add(new AddedCounterRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
        return out;
    }

    /** Adds the counter, its devices and its names (a floor_changes row) in one transaction. */
    public synchronized void addCounter(AddedCounterRow r, FloorRow names, Instant at) throws SQLException {
        inTransaction(() -> {
            update("INSERT INTO added_counters (id, number, services, caller, caller_secret_hash, pad, pad_secret_hash,"
                    + " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.number(), r.services(), r.caller(),
                    r.callerSecretHash(), r.pad(), r.padSecretHash(), at.toString());
            saveFloorChange(names, at);
        });
    }

    public synchronized void saveFloorChange(FloorRow r, Instant at) throws SQLException {
        update("INSERT INTO floor_changes (kind, id, name_zh, name_en, disabled, changed_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (kind, id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,"
                + " disabled = excluded.disabled, changed_at = excluded.changed_at",
                r.kind(), r.id(), r.nameZh(), r.nameEn(), r.disabled() ? 1 : 0, at.toString());
    }

    // ---------------------------------------------------------------- tellers' photos

    /** Which stored photo is a teller's: the file's checksum and type. */
    public record PhotoRow(String teller, String sha256, String contentType) {
    }

    public synchronized Optional<PhotoRow> photo(String teller) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT sha256, content_type FROM teller_photos WHERE teller = ?")) {
            ps.setString(1, teller);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new PhotoRow(teller, rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** Every teller's current photo (read once at start; the console keeps them in memory). */
    public synchronized List<PhotoRow> photos() throws SQLException {
        List<PhotoRow> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT teller, sha256, content_type FROM teller_photos")) {
            while (rs.next()) {
                out.add(new PhotoRow(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    public synchronized void savePhoto(PhotoRow r, Instant at) throws SQLException {
        update("INSERT INTO teller_photos (teller, sha256, content_type, changed_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (teller) DO UPDATE SET sha256 = excluded.sha256, content_type = excluded.content_type,"
                + " changed_at = excluded.changed_at", r.teller(), r.sha256(), r.contentType(), at.toString());
    }

    // ---------------------------------------------------------------- sessions

    public synchronized void addSession(String tokenHash, long userId, String csrf, String ip, Instant at)
            throws SQLException {
        update("INSERT INTO sessions (token_hash, user_id, csrf, ip, created_at, seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                tokenHash, userId, csrf, ip, at.toString(), at.toString());
    }

    public synchronized Optional<Session> session(String tokenHash) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT user_id, csrf, created_at, seen_at FROM sessions WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Session(rs.getLong(1), rs.getString(2), Instant.parse(rs.getString(3)),
                        Instant.parse(rs.getString(4)))) : Optional.empty();
            }
        }
    }

    public synchronized void touchSession(String tokenHash, Instant at) throws SQLException {
        update("UPDATE sessions SET seen_at = ? WHERE token_hash = ?", at.toString(), tokenHash);
    }

    public synchronized void removeSession(String tokenHash) throws SQLException {
        update("DELETE FROM sessions WHERE token_hash = ?", tokenHash);
    }

    public synchronized void removeSessionsBefore(Instant seenBefore) throws SQLException {
        update("DELETE FROM sessions WHERE seen_at < ?", seenBefore.toString());
    }

    // ---------------------------------------------------------------- audit

    public synchronized void audit(Instant at, String actor, String ip, String action, String target, String before,
                                   String after) throws SQLException {
        update("INSERT INTO audit (at, actor, ip, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                at.toString(), actor, ip, action, target, before, after);
    }

    /** The newest {@code limit} entries, newest first, optionally only one action. */
    public synchronized List<AuditEntry> auditEntries(int limit, Optional<String> action) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        String sql = "SELECT id, at, actor, ip, action, target, before, after FROM audit"
                + (action.isPresent() ? " WHERE action = ?" : "") + " ORDER BY id DESC LIMIT ?";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            int i = 1;
            if (action.isPresent()) {
                ps.setString(i++, action.get());
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    /** Work on the store's connection under its lock, for a feature's own tables (hall media). */
    public interface Work<T> {
        T run(Connection db) throws SQLException;
    }

    public synchronized <T> T with(Work<T> work) throws SQLException {
        return work.run(db);
    }

    /** Runs raw SQL; only for tests that prove the audit log refuses changes. */
    public synchronized void executeForTest(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            log.warn("closing console store: {}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- helpers

    private Optional<User> one(String sql, Object key) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("login"), rs.getString("name"), Role.of(rs.getString("role")),
                Scope.parse(rs.getString("scope")), Optional.ofNullable(rs.getString("teller")),
                rs.getString("language"), rs.getInt("disabled") != 0);
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} as one transaction (under the caller's lock on this store). */
    private void inTransaction(SqlWork work) throws SQLException {
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
