package io.counterline.console.report;

import io.counterline.protocol.RatingLevel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * Reads the branch store's {@code tickets}, {@code ticket_log} and {@code ratings} tables over
 * its own read-only connection: the engine stays the only writer, and WAL lets this read while
 * it commits. Never changes the engine's schema; depends on those three tables only.
 */
public final class SqliteBranchHistory implements BranchHistory, AutoCloseable {
    private static final String TICKET_COLUMNS = "t.id, t.day, t.service, t.number, t.issued_at, t.status, t.counter,"
            + " t.teller, t.called_at, t.started_at, t.finished_at,"
            + " EXISTS (SELECT 1 FROM ticket_log l WHERE l.ticket = t.id AND l.action = 'transferred')";
    private static final String RATING_COLUMNS = "r.ticket, t.day, t.service, r.counter, r.teller, r.level, r.at,"
            + " t.finished_at";

    private final Connection db;

    private SqliteBranchHistory(Connection db) {
        this.db = db;
    }

    public static SqliteBranchHistory open(Path branchDb) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        return new SqliteBranchHistory(DriverManager.getConnection("jdbc:sqlite:" + branchDb.toAbsolutePath(),
                config.toProperties()));
    }

    @Override
    public synchronized List<TicketFact> tickets(LocalDate from, LocalDate to) throws HistoryException {
        List<TicketFact> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT " + TICKET_COLUMNS
                + " FROM tickets t WHERE t.day BETWEEN ? AND ? ORDER BY t.issued_at")) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TicketFact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs, 5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9),
                            instant(rs, 10), instant(rs, 11), rs.getInt(12) != 0));
                }
            }
        } catch (SQLException e) {
            throw new HistoryException("cannot read tickets: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized List<RatingFact> ratings(LocalDate from, LocalDate to) throws HistoryException {
        List<RatingFact> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT " + RATING_COLUMNS
                + " FROM ratings r JOIN tickets t ON t.id = r.ticket WHERE t.day BETWEEN ? AND ? ORDER BY r.at")) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rating(rs));
                }
            }
        } catch (SQLException e) {
            throw new HistoryException("cannot read ratings: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized Optional<RatingFact> rating(String ticket) throws HistoryException {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + RATING_COLUMNS
                + " FROM ratings r JOIN tickets t ON t.id = r.ticket WHERE r.ticket = ?")) {
            ps.setString(1, ticket);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rating(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new HistoryException("cannot read the rating of " + ticket + ": " + e.getMessage(), e);
        }
    }

    private static RatingFact rating(ResultSet rs) throws SQLException {
        return new RatingFact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                RatingLevel.of(rs.getString(6)), instant(rs, 7), instant(rs, 8));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : Instant.parse(s);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Nothing was written through it; closing cannot lose anything.
        }
    }
}
