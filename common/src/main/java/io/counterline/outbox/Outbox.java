package io.counterline.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Health;
import io.counterline.protocol.Ids;
import io.counterline.protocol.MessageCodec;
import io.counterline.sqlite.SqliteFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's durable queue of events for the server, in one SQLite file.
 *
 * <p>{@link #append} returns only after the event is committed with {@code synchronous=FULL}:
 * once it returns, the event survives a crash or power cut. Events leave only through
 * {@link #acknowledge}, which the publisher calls when the <em>server</em> says it committed
 * them. Sequence numbers come from SQLite's AUTOINCREMENT, which never hands out a number
 * twice, even after the newest rows are deleted or the process dies mid-append.
 *
 * <p>Thread-safe: all methods are synchronized on the outbox (one SQLite connection).
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** Health turns degraded when this share of the capacity is used. */
    private static final double DEGRADED_AT = 0.8;

    private final Connection db;
    private final String device;
    private final int capacity;
    private final Clock clock;
    private final MessageCodec codec;
    private final long boot;
    private final Optional<Path> movedAside;
    private volatile Consumer<Health> healthListener = h -> { };
    private int size;

    private Outbox(Connection db, String device, int capacity, Clock clock, MessageCodec codec,
                   Optional<Path> movedAside) throws SQLException {
        this.db = db;
        this.device = device;
        this.capacity = capacity;
        this.clock = clock;
        this.codec = codec;
        this.movedAside = movedAside;
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL)");
            // The generation is fixed once, when the file is created (see EventEnvelope#boot).
            s.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('boot', '" + clock.millis() + "')");
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'boot'")) {
                rs.next();
                this.boot = Long.parseLong(rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
                rs.next();
                this.size = rs.getInt(1);
            }
        }
    }

    /**
     * Opens (or creates) the outbox file of {@code device}, checking its integrity first; a
     * corrupt file is moved aside and a new one started, which {@link #health()} reports.
     *
     * @param capacity how many unacknowledged events it may hold
     */
    public static Outbox open(Path file, String device, int capacity, Clock clock) throws OutboxException {
        Ids.require("device id", device);
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be at least 1, was " + capacity);
        }
        try {
            SqliteFile.Opened opened = SqliteFile.open(file);
            Outbox outbox = new Outbox(opened.connection(), device, capacity, clock, new MessageCodec(),
                    opened.movedAside());
            log.info("outbox {} opened: {} events waiting, generation {}", file, outbox.size, outbox.boot);
            return outbox;
        } catch (SQLException e) {
            throw new OutboxException("cannot open outbox " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits a new event durably and returns it as it will travel.
     *
     * @throws OutboxFullException when {@link #capacity()} events already wait; nothing was stored
     * @throws OutboxException     when the file cannot be written (disk full, I/O error)
     */
    public synchronized EventEnvelope append(EventType type, ObjectNode body) throws OutboxException {
        if (size >= capacity) {
            throw new OutboxFullException(capacity);
        }
        try (PreparedStatement ps = db.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            EventEnvelope appended = insert(ps, type, body);
            size++;
            fireHealth();
            return appended;
        } catch (SQLException e) {
            throw new OutboxException("outbox cannot store " + type.wire() + ": " + e.getMessage(), e);
        }
    }

    private static final String INSERT = "INSERT INTO events(id, type, at, body) VALUES (?, ?, ?, ?)";

    /** Inserts one event (in whatever transaction is open) and returns it as it will travel. */
    private EventEnvelope insert(PreparedStatement ps, EventType type, ObjectNode body) throws SQLException {
        String id = UUID.randomUUID().toString();
        Instant at = clock.instant();
        ps.setString(1, id);
        ps.setString(2, type.wire());
        ps.setString(3, at.toString());
        ps.setString(4, new String(codec.encodeBody(body), StandardCharsets.UTF_8));
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return new EventEnvelope(MessageCodec.VERSION, id, keys.getLong(1), device, type, at, boot, body);
        }
    }

    /** An event to append: what {@link #append} takes, for {@link #appendAll}. */
    public record Draft(EventType type, ObjectNode body) {
    }

    /**
     * Commits several events in one transaction together with a mark ({@code markKey} set to
     * {@code mark} in the file's meta table): whoever copies events here from a journal of its
     * own reads the mark after a crash to know what it had already copied, so nothing is copied
     * twice. All or nothing.
     *
     * @throws OutboxFullException when they do not all fit in {@link #capacity()}; nothing was stored
     */
    public synchronized List<EventEnvelope> appendAll(List<Draft> drafts, String markKey, long mark)
            throws OutboxException {
        if (size + drafts.size() > capacity) {
            throw new OutboxFullException(capacity);
        }
        List<EventEnvelope> appended = new ArrayList<>();
        try {
            db.setAutoCommit(false);
            try (PreparedStatement ps = db.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                for (Draft d : drafts) {
                    appended.add(insert(ps, d.type(), d.body()));
                }
            }
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                ps.setString(1, markKey);
                ps.setString(2, Long.toString(mark));
                ps.executeUpdate();
            }
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new OutboxException("outbox cannot store " + drafts.size() + " events: " + e.getMessage(), e);
        } finally {
            autoCommitQuietly();
        }
        size += appended.size();
        fireHealth();
        return appended;
    }

    /** The mark last committed by {@link #appendAll} under {@code markKey}; 0 when there is none. */
    public synchronized long mark(String markKey) throws OutboxException {
        try (PreparedStatement ps = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, markKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
            }
        } catch (SQLException | NumberFormatException e) {
            throw new OutboxException("outbox mark " + markKey + " unreadable: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} waiting events with a sequence above {@code afterSeq}, oldest first. */
    public synchronized List<EventEnvelope> pendingAfter(long afterSeq, int limit) throws OutboxException {
        List<EventEnvelope> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT seq, id, type, at, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new OutboxException("outbox cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Deletes the events the server has committed. Sequences of another generation (an ack
     * meant for a replaced outbox file) are ignored.
     *
     * @return how many events were deleted
     */
    public synchronized int acknowledge(long ackBoot, Collection<Long> seqs) throws OutboxException {
        if (ackBoot != boot || seqs.isEmpty()) {
            return 0;
        }
        int deleted = 0;
        try {
            // No fsync for a delete: one lost in a crash only means the event is sent again,
            // and the server stores it once. (Appends stay synchronous=FULL.)
            setSynchronous("NORMAL");
            db.setAutoCommit(false);
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM events WHERE seq = ?")) {
                for (long seq : seqs) {
                    ps.setLong(1, seq);
                    ps.addBatch();
                }
                for (int n : ps.executeBatch()) {
                    deleted += Math.max(n, 0);
                }
            }
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new OutboxException("outbox cannot delete acknowledged events: " + e.getMessage(), e);
        } finally {
            autoCommitQuietly();
            try {
                setSynchronous("FULL");
            } catch (SQLException e) {
                throw new OutboxException("outbox cannot go back to synchronous=FULL: " + e.getMessage(), e);
            }
        }
        size -= deleted;
        fireHealth();
        return deleted;
    }

    /**
     * Whether the event of sequence {@code seq} in generation {@code eventBoot} still waits for
     * the server's ack. An event of another generation (a replaced outbox) is not held: it will
     * never be sent, so whoever needs it delivered records it again.
     */
    public synchronized boolean holds(long eventBoot, long seq) throws OutboxException {
        if (eventBoot != boot) {
            return false;
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM events WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new OutboxException("outbox cannot be read: " + e.getMessage(), e);
        }
    }

    public synchronized int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public String device() {
        return device;
    }

    /** The outbox generation (see {@link EventEnvelope#boot()}). */
    public long boot() {
        return boot;
    }

    public Optional<Path> movedAside() {
        return movedAside;
    }

    /** Degraded at 80 % full and when full; degraded after a corrupt file was replaced. */
    public synchronized Health health() {
        if (size >= capacity) {
            return Health.degraded("outbox full (" + size + "/" + capacity + "): new events refused until the server acknowledges");
        }
        if (size >= capacity * DEGRADED_AT) {
            return Health.degraded("outbox " + (100 * size / capacity) + "% full (" + size + "/" + capacity
                    + "): server not acknowledging");
        }
        if (movedAside.isPresent()) {
            return Health.degraded("outbox was corrupt; kept as " + movedAside.get().getFileName() + ", new one started");
        }
        return Health.OK;
    }

    /** Called with the new health whenever it may have changed (on the appending/acking thread). */
    public void onHealthChange(Consumer<Health> listener) {
        this.healthListener = listener;
        listener.accept(health());
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            log.warn("closing outbox: {}", e.getMessage());
        }
    }

    private void fireHealth() {
        healthListener.accept(health());
    }

    private EventEnvelope read(ResultSet rs) throws SQLException, OutboxException {
        String bodyJson = rs.getString(5);
        Decoded<ObjectNode> body = codec.decode(bodyJson.getBytes(StandardCharsets.UTF_8), ObjectNode.class);
        if (!(body instanceof Decoded.Accepted<ObjectNode> accepted)) {
            throw new OutboxException("outbox event " + rs.getLong(1) + " has an unreadable body");
        }
        return new EventEnvelope(MessageCodec.VERSION, rs.getString(2), rs.getLong(1), device,
                EventType.of(rs.getString(3)), Instant.parse(rs.getString(4)), boot, accepted.message());
    }

    private void setSynchronous(String level) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA synchronous=" + level);
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException e) {
            log.debug("rollback: {}", e.getMessage());
        }
    }

    private void autoCommitQuietly() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException e) {
            log.debug("autocommit: {}", e.getMessage());
        }
    }
}
