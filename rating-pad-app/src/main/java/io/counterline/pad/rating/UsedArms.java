package io.counterline.pad.rating;

import io.counterline.sqlite.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arms this pad has finished with (rated, expired or replaced), in a small SQLite file, so
 * that a {@code rating.arm} the broker delivers again (it is retained until the server clears
 * it) never arms the pad a second time, even after a restart.
 *
 * <p>Why a file of its own and not the outbox: the outbox forgets a rating once the server acks
 * it, but the server clears the retained arm only after that, so a pad restarting in between
 * would find no trace of the rating and be armed again.
 *
 * <p>Thread-safe (synchronized; one connection). Rows older than {@link #KEEP} are dropped at
 * open: arms expire within minutes, and an expired arm is refused by its {@code expiresAt} anyway.
 */
public final class UsedArms implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UsedArms.class);
    static final Duration KEEP = Duration.ofDays(7);

    /** Why an arm is used up. */
    public enum Outcome { RATED, EXPIRED, REPLACED }

    private final Connection db;
    private final Clock clock;

    private UsedArms(Connection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Opens (or creates) the file, checked and tidied; see {@link SqliteFile#open}. */
    public static UsedArms open(Path file, Clock clock) throws SQLException {
        Connection db = SqliteFile.open(file).connection();
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS used_arms (arm_id TEXT PRIMARY KEY, outcome TEXT NOT NULL,"
                    + " used_at INTEGER NOT NULL)");
            int dropped = s.executeUpdate("DELETE FROM used_arms WHERE used_at < "
                    + clock.instant().minus(KEEP).toEpochMilli());
            log.debug("used arms {}: {} old rows dropped", file, dropped);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        return new UsedArms(db, clock);
    }

    public synchronized boolean contains(String armId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM used_arms WHERE arm_id = ?")) {
            ps.setString(1, armId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Marks {@code armId} used, durably; marking it again keeps the first outcome. */
    public synchronized void add(String armId, Outcome outcome) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT OR IGNORE INTO used_arms(arm_id, outcome, used_at) VALUES (?, ?, ?)")) {
            ps.setString(1, armId);
            ps.setString(2, outcome.name());
            ps.setLong(3, clock.millis());
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            log.warn("closing used arms: {}", e.getMessage());
        }
    }
}
