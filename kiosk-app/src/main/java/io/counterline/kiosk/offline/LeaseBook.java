package io.counterline.kiosk.offline;

import io.counterline.protocol.Bodies;
import io.counterline.sqlite.SqliteFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number blocks the server leased to this kiosk ({@code block.lease}) and how far each is
 * used, in the kiosk's own SQLite file (WAL, {@code synchronous=FULL}, apart from the outbox).
 * A number is marked used (the block's {@code next} moves past it) and committed before its
 * slip is printed, so a restart or power cut never hands it out again. Only blocks of the given
 * business day are ever used.
 *
 * <p>Threading: used by the kiosk's controller thread; methods are synchronized all the same.
 */
public final class LeaseBook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseBook.class);

    private final Connection db;

    private LeaseBook(Connection db) {
        this.db = db;
    }

    /** Opens (or creates) the file; a corrupt one is moved aside by {@link SqliteFile}. */
    public static LeaseBook open(Path file) throws SQLException {
        // next: the first number of the block not yet issued; next > last means used up.
        return new LeaseBook(SqliteFile.openWith(file, "leased blocks are forgotten, the kiosk leases new ones "
                + "when the server is reachable", """
                CREATE TABLE IF NOT EXISTS block (
                  service TEXT NOT NULL, business_day TEXT NOT NULL, prefix TEXT NOT NULL,
                  first INTEGER NOT NULL, last INTEGER NOT NULL, next INTEGER NOT NULL,
                  PRIMARY KEY (service, business_day, first))"""));
    }

    /** Keeps a leased block; the same block twice (a repeated answer) is kept once. */
    public synchronized void add(Bodies.BlockLease lease) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("INSERT OR IGNORE INTO block "
                + "(service, business_day, prefix, first, last, next) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, lease.service());
            s.setString(2, lease.businessDay());
            s.setString(3, lease.prefix());
            s.setInt(4, lease.first());
            s.setInt(5, lease.last());
            s.setInt(6, lease.first());
            s.executeUpdate();
        }
    }

    /**
     * Takes the next unused number of {@code service} for {@code businessDay}, durably marked
     * used when this returns; empty when no block of that day has numbers left.
     */
    public synchronized Optional<OfflineNumber> take(String service, String businessDay) throws SQLException {
        try (PreparedStatement find = db.prepareStatement("SELECT prefix, first, next FROM block "
                + "WHERE service = ? AND business_day = ? AND next <= last ORDER BY first LIMIT 1")) {
            find.setString(1, service);
            find.setString(2, businessDay);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String prefix = rs.getString(1);
                int first = rs.getInt(2);
                int next = rs.getInt(3);
                try (PreparedStatement use = db.prepareStatement("UPDATE block SET next = next + 1 "
                        + "WHERE service = ? AND business_day = ? AND first = ? AND next = ?")) {
                    use.setString(1, service);
                    use.setString(2, businessDay);
                    use.setInt(3, first);
                    use.setInt(4, next);
                    if (use.executeUpdate() != 1) {
                        throw new SQLException("block " + service + " " + first + " changed under the kiosk");
                    }
                }
                return Optional.of(new OfflineNumber(service, prefix, businessDay, next));
            }
        }
    }

    /** Numbers of {@code service} left for {@code businessDay}. */
    public synchronized int remaining(String service, String businessDay) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT COALESCE(SUM(last - next + 1), 0) FROM block "
                + "WHERE service = ? AND business_day = ? AND next <= last")) {
            s.setString(1, service);
            s.setString(2, businessDay);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Drops blocks of days before {@code businessDay} (ISO dates compare as strings). */
    public synchronized void forgetBefore(String businessDay) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("DELETE FROM block WHERE business_day < ?")) {
            s.setString(1, businessDay);
            int dropped = s.executeUpdate();
            if (dropped > 0) {
                log.info("dropped {} leased block(s) of days before {}", dropped, businessDay);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            log.warn("lease file not closed cleanly: {}", e.getMessage());
        }
    }
}
