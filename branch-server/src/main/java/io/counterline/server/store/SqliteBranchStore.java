package io.counterline.server.store;

import io.counterline.protocol.EventEnvelope;
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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link BranchStore} in one SQLite file (WAL, synchronous=FULL, integrity-checked at open). */
public final class SqliteBranchStore implements BranchStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteBranchStore.class);

    private final Connection db;
    private final Clock clock;
    private final MessageCodec codec = new MessageCodec();

    private SqliteBranchStore(Connection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public static SqliteBranchStore open(Path file, Clock clock) throws StoreException {
        try {
            SqliteFile.Opened opened = SqliteFile.open(file);
            opened.movedAside().ifPresent(p -> log.error("the server store was corrupt and was kept as {}", p));
            int version = Migrations.apply(opened.connection());
            log.info("store {} open, schema version {}", file, version);
            return new SqliteBranchStore(opened.connection(), clock);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<EventEnvelope> storeEvents(List<EventEnvelope> events) throws StoreException {
        List<EventEnvelope> fresh = new ArrayList<>(events.size());
        String receivedAt = clock.instant().toString();
        try {
            db.setAutoCommit(false);
            try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO device_events"
                    + " (id, device, boot, seq, type, at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (EventEnvelope e : events) {
                    ps.setString(1, e.id());
                    ps.setString(2, e.device());
                    ps.setLong(3, e.boot());
                    ps.setLong(4, e.seq());
                    ps.setString(5, e.type().wire());
                    ps.setString(6, e.at().toString());
                    ps.setString(7, receivedAt);
                    ps.setString(8, new String(codec.encodeBody(e.body()), StandardCharsets.UTF_8));
                    if (ps.executeUpdate() == 1) {
                        fresh.add(e);
                    }
                }
            }
            db.commit();
            return fresh;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("storing " + events.size() + " events failed: " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized long countEvents() throws StoreException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM device_events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count events: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            log.warn("closing the store: {}", e.getMessage());
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException e) {
            log.debug("rollback: {}", e.getMessage());
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException e) {
            log.debug("autocommit: {}", e.getMessage());
        }
    }
}
