package io.counterline.kiosk.ticket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.messaging.RequestClient.Unanswered;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.InvalidMessageException;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.sqlite.SqliteFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's requests that went unanswered, kept in its SQLite file ({@code kiosk.db}, beside the
 * leased blocks) until they are settled: answered (late or to a repeat) or abandoned. A kiosk
 * killed while the server was away finds them at restart and asks what became of them, so a
 * ticket issued for nobody is still voided and a block leased meanwhile is still kept.
 *
 * <p>Threading: any thread; methods are synchronized.
 */
public final class UnansweredBook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnansweredBook.class);

    private final Connection db;
    private final MessageCodec codec = new MessageCodec();

    private UnansweredBook(Connection db) {
        this.db = db;
    }

    /** Opens (or creates) the table in {@code file}; a corrupt file is moved aside by {@link SqliteFile}. */
    public static UnansweredBook open(Path file) throws SQLException {
        return new UnansweredBook(SqliteFile.openWith(file, "unanswered requests are forgotten", """
                CREATE TABLE IF NOT EXISTS unanswered_request (
                  id TEXT PRIMARY KEY, op TEXT NOT NULL, args TEXT NOT NULL,
                  deadline TEXT NOT NULL, first_asked TEXT NOT NULL)"""));
    }

    /** Keeps {@code request}, durably when this returns; the same id twice is kept once. */
    public synchronized void add(Unanswered request) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("INSERT OR IGNORE INTO unanswered_request "
                + "(id, op, args, deadline, first_asked) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, request.id());
            s.setString(2, request.op().wire());
            s.setString(3, new String(codec.encodeBody(request.args()), StandardCharsets.UTF_8));
            s.setString(4, request.deadline().toString());
            s.setString(5, request.firstAsked().toString());
            s.executeUpdate();
        }
    }

    /** Forgets a settled request. */
    public synchronized void remove(String id) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("DELETE FROM unanswered_request WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    /**
     * Every kept request, oldest first, as never asked again (the pace starts over after a
     * restart; the age limit still counts from the first send). A row that no longer reads (an
     * unknown operation) is logged and dropped.
     */
    public synchronized List<Unanswered> all() throws SQLException {
        List<Unanswered> kept = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, op, args, deadline, first_asked FROM unanswered_request "
                     + "ORDER BY first_asked, id")) {
            while (rs.next()) {
                String id = rs.getString(1);
                Optional<Unanswered> read = read(id, rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5));
                read.ifPresentOrElse(kept::add, () -> unreadable.add(id));
            }
        }
        for (String id : unreadable) {
            remove(id);
        }
        return kept;
    }

    private Optional<Unanswered> read(String id, String op, String args, String deadline, String firstAsked) {
        Decoded<ObjectNode> body = codec.decode(args.getBytes(StandardCharsets.UTF_8), ObjectNode.class);
        try {
            Operation operation = Operation.of(op);
            Instant first = Instant.parse(firstAsked);
            if (body instanceof Decoded.Accepted<ObjectNode> accepted) {
                return Optional.of(new Unanswered(id, operation, accepted.message(), Instant.parse(deadline), first,
                        0, first));
            }
        } catch (InvalidMessageException | DateTimeException e) {
            log.debug("unreadable: {}", e.getMessage());
        }
        log.error("unanswered request {} unreadable ({}, {}, {}, {}); dropped", id, op, args, deadline, firstAsked);
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            log.warn("kiosk file not closed cleanly: {}", e.getMessage());
        }
    }
}
