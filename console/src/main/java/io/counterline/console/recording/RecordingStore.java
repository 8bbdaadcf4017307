package io.counterline.console.recording;

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

/**
 * The recordings' tables in {@code console.db} (migration V7, run by the console store first), over
 * a connection of their own. Segments are joined by id whichever of event and upload comes first.
 */
public final class RecordingStore implements AutoCloseable {

    /** What the upload side knows of a segment. */
    public record UploadRow(String segmentId, String device, Long uploadLength, String uploadSha256, boolean verified,
                            boolean announced, String counter, Long bytes, String sha256) {
    }

    /** One joined recording as indexed. */
    public record Recording(String id, String ticket, String ticketNumber, String counter, String teller,
                            Instant startedAt, long durationMs, String state, String file, Long bytes, String sha256,
                            String rating, String error, List<Long> holds) {
        public boolean stored() {
            return "stored".equals(state);
        }
    }

    /** Search filters; null means any. Times are epoch ms, {@code to} excluded. */
    public record Filter(String ticketNumber, String teller, String counter, Long from, Long to, String rating,
                         String ticket, Long workOrder) {
    }

    private final Connection db;

    private RecordingStore(Connection db) {
        this.db = db;
    }

    public static RecordingStore open(Path consoleDb) throws SQLException {
        return new RecordingStore(SqliteFile.open(consoleDb).connection());
    }

    // ---------------------------------------------------------------- segments

    /**
     * Stores an announcement (idempotent).
     *
     * @return empty when taken, else why it was refused
     */
    public synchronized Optional<String> announce(Segment s, Instant now) throws SQLException {
        Optional<UploadRow> known = upload(s.segmentId());
        if (known.isPresent() && !known.get().device().equals(s.device())) {
            return Optional.of("segment " + s.segmentId() + " was uploaded by " + known.get().device());
        }
        if (known.isPresent() && known.get().uploadLength() != null && (known.get().uploadLength() != s.bytes()
                || !s.sha256().equals(known.get().uploadSha256()))) {
            return Optional.of("segment " + s.segmentId() + " was uploaded with another length or checksum");
        }
        if (known.isPresent() && known.get().announced()) {
            return Optional.empty();
        }
        update("INSERT INTO recording_segments (segment_id, device, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (segment_id) DO NOTHING", s.segmentId(), s.device(), now.toEpochMilli());
        update("UPDATE recording_segments SET recording_id = ?, idx = ?, last = ?, ticket = ?, counter = ?, teller = ?,"
                        + " started_at = ?, duration_ms = ?, bytes = ?, sha256 = ?, announced = 1 WHERE segment_id = ?",
                s.recordingId(), s.index(), s.last() ? 1 : 0, s.ticketId(), s.counterId(), s.teller(),
                s.startedAt().toEpochMilli(), s.durationMs(), s.bytes(), s.sha256(), s.segmentId());
        return Optional.empty();
    }

    public synchronized Optional<UploadRow> upload(String segmentId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT segment_id, device, upload_length, upload_sha256, verified,"
                + " announced, counter, bytes, sha256 FROM recording_segments WHERE segment_id = ?")) {
            ps.setString(1, segmentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new UploadRow(rs.getString(1), rs.getString(2), rs.getObject(3) == null ? null
                        : rs.getLong(3), rs.getString(4), rs.getInt(5) == 1, rs.getInt(6) == 1, rs.getString(7),
                        rs.getObject(8) == null ? null : rs.getLong(8), rs.getString(9)));
            }
        }
    }

    /** The first chunk of an upload fixes its length and checksum. */
    public synchronized void startUpload(String segmentId, String device, long length, String sha256, Instant now)
            throws SQLException {
        update("INSERT INTO recording_segments (segment_id, device, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (segment_id) DO NOTHING", segmentId, device, now.toEpochMilli());
        update("UPDATE recording_segments SET upload_length = ?, upload_sha256 = ? WHERE segment_id = ?", length, sha256,
                segmentId);
    }

    /** A staged upload whose checksum did not match: it starts over. */
    public synchronized void dropUpload(String segmentId) throws SQLException {
        update("UPDATE recording_segments SET upload_length = NULL, upload_sha256 = NULL WHERE segment_id = ?", segmentId);
    }

    public synchronized void verified(String segmentId) throws SQLException {
        update("UPDATE recording_segments SET verified = 1 WHERE segment_id = ?", segmentId);
    }

    /**
     * Marks the recording of {@code segmentId} ready to encode when its segments 0..last are all
     * announced and verified.
     *
     * @return the recording id when it became ready now
     */
    public synchronized Optional<String> readyIfComplete(String segmentId, Instant now) throws SQLException {
        String recording = one("SELECT recording_id FROM recording_segments WHERE segment_id = ?", segmentId);
        if (recording == null || one("SELECT recording_id FROM recordings WHERE recording_id = ?", recording) != null) {
            return Optional.empty();
        }
        String last = one("SELECT MIN(idx) FROM recording_segments WHERE recording_id = ? AND last = 1", recording);
        if (last == null) {
            return Optional.empty();
        }
        int lastIndex = Integer.parseInt(last);
        String done = one("SELECT COUNT(DISTINCT idx) FROM recording_segments WHERE recording_id = ? AND announced = 1"
                + " AND verified = 1 AND idx <= ?", recording, lastIndex);
        if (Integer.parseInt(done) != lastIndex + 1) {
            return Optional.empty();
        }
        update("INSERT INTO recordings (recording_id, ticket, ticket_number, counter, teller, started_at, duration_ms,"
                + " state) SELECT recording_id, ticket, '', counter, teller, started_at, 0, 'ready'"
                + " FROM recording_segments WHERE recording_id = ? AND idx = 0 LIMIT 1", recording);
        String ticket = one("SELECT ticket FROM recordings WHERE recording_id = ?", recording);
        update("UPDATE recordings SET ticket_number = ?, duration_ms = (SELECT SUM(duration_ms) FROM recording_segments"
                + " WHERE recording_id = ? AND idx <= ?), rating = (SELECT level FROM recording_ratings WHERE ticket = ?)"
                + " WHERE recording_id = ?", Segment.ticketNumber(ticket), recording, lastIndex, ticket, recording);
        return Optional.of(recording);
    }

    /** A recording that has segments but none that closes it. */
    public record Unclosed(String recordingId, String ticket, String counter, int lastIndex) {
    }

    /**
     * Recordings without a closing segment (the caller paused at its disk quota and the
     * transaction ended meanwhile) whose newest segment came before {@code quietSince}.
     */
    public synchronized List<Unclosed> unclosed(Instant quietSince) throws SQLException {
        List<Unclosed> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT recording_id, MIN(ticket), MIN(counter), MAX(idx)"
                + " FROM recording_segments WHERE announced = 1 AND recording_id NOT IN (SELECT recording_id FROM"
                + " recordings) GROUP BY recording_id HAVING SUM(last) = 0 AND MAX(created_at) < ? LIMIT 100")) {
            ps.setLong(1, quietSince.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Unclosed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    /** Makes segment {@code index} the closing one; @return its segment id */
    public synchronized Optional<String> closeAt(String recordingId, int index) throws SQLException {
        update("UPDATE recording_segments SET last = 1 WHERE recording_id = ? AND idx = ?", recordingId, index);
        return Optional.ofNullable(one("SELECT segment_id FROM recording_segments WHERE recording_id = ? AND idx = ?"
                + " AND last = 1 LIMIT 1", recordingId, index));
    }

    /** The verified segments of a recording, in order (only 0..last). */
    public synchronized List<String> segmentIds(String recordingId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT segment_id FROM recording_segments WHERE recording_id = ?"
                + " AND verified = 1 AND idx <= (SELECT MIN(idx) FROM recording_segments WHERE recording_id = ?"
                + " AND last = 1) GROUP BY idx ORDER BY idx")) {
            ps.setString(1, recordingId);
            ps.setString(2, recordingId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- recordings

    /** Recordings waiting for the encoder, oldest first (a restart continues with them). */
    public synchronized List<String> ready() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT recording_id FROM recordings WHERE state = 'ready' ORDER BY started_at")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    public synchronized void stored(String recordingId, String file, long bytes, String sha256, Instant now)
            throws SQLException {
        update("UPDATE recordings SET state = 'stored', file = ?, bytes = ?, sha256 = ?, stored_at = ?, error = NULL"
                + " WHERE recording_id = ?", file, bytes, sha256, now.toEpochMilli(), recordingId);
    }

    public synchronized void failed(String recordingId, String error) throws SQLException {
        update("UPDATE recordings SET state = 'failed', error = ? WHERE recording_id = ?",
                error.length() > 500 ? error.substring(0, 500) : error, recordingId);
    }

    public synchronized void purged(String recordingId) throws SQLException {
        update("UPDATE recordings SET state = 'purged', file = NULL WHERE recording_id = ?", recordingId);
    }

    /** A committed rating, kept for recordings of its ticket that are not whole yet. */
    public synchronized void rated(String ticket, String level) throws SQLException {
        update("INSERT INTO recording_ratings (ticket, level) VALUES (?, ?)"
                + " ON CONFLICT (ticket) DO UPDATE SET level = excluded.level", ticket, level);
        update("UPDATE recordings SET rating = ? WHERE ticket = ?", level, ticket);
    }

    public synchronized Optional<Recording> find(String recordingId) throws SQLException {
        List<Recording> r = query("SELECT * FROM recordings WHERE recording_id = ?", List.of(recordingId));
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /**
     * The voice note dictated for a work order, once its recording is indexed; only one recorded
     * at the order's own counter counts (a caller cannot lend an order another counter's audio).
     */
    public synchronized Optional<Recording> voiceNote(long workOrder) throws SQLException {
        List<Recording> r = query("SELECT r.* FROM recordings r JOIN order_voice_notes v"
                + " ON v.recording_id = r.recording_id JOIN work_orders o ON o.id = v.work_order"
                + " AND o.counter = r.counter WHERE v.work_order = ?", List.of(workOrder));
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** At most {@code limit} recordings matching {@code f}, newest first. */
    public synchronized List<Recording> search(Filter f, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM recordings WHERE state <> 'purged'");
        List<Object> args = new ArrayList<>();
        where(sql, args, "ticket_number = ?", f.ticketNumber());
        where(sql, args, "ticket = ?", f.ticket());
        where(sql, args, "teller = ?", f.teller());
        where(sql, args, "counter = ?", f.counter());
        where(sql, args, "started_at >= ?", f.from());
        where(sql, args, "started_at < ?", f.to());
        where(sql, args, "rating = ?", f.rating());
        where(sql, args, "recording_id IN (SELECT recording_id FROM recording_holds WHERE work_order = ?)",
                f.workOrder());
        sql.append(" ORDER BY started_at DESC LIMIT ").append(Math.max(1, Math.min(limit, 1000)));
        return query(sql.toString(), args);
    }

    private static void where(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    public synchronized void hold(String recordingId, long workOrder, String by, Instant now) throws SQLException {
        update("INSERT INTO recording_holds (recording_id, work_order, held_by, held_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", recordingId, workOrder, by, now.toEpochMilli());
    }

    public synchronized void release(String recordingId, long workOrder) throws SQLException {
        update("DELETE FROM recording_holds WHERE recording_id = ? AND work_order = ?", recordingId, workOrder);
    }

    /** Stored recordings that began before {@code before} and are held by no work order. */
    public synchronized List<Recording> expired(Instant before) throws SQLException {
        return query("SELECT * FROM recordings WHERE state IN ('stored', 'failed') AND started_at < ? AND recording_id"
                + " NOT IN (SELECT recording_id FROM recording_holds)", List.of(before.toEpochMilli()));
    }

    /**
     * Segments created before {@code before} that are not waiting for the encoder nor kept for a
     * failed encoding: never completed, or already part of a stored recording.
     */
    public synchronized List<String> abandonedSegments(Instant before) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT segment_id FROM recording_segments WHERE created_at < ?"
                + " AND (recording_id IS NULL OR recording_id NOT IN (SELECT recording_id FROM recordings"
                + " WHERE state IN ('ready', 'failed')))")) {
            ps.setLong(1, before.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public synchronized void forgetSegment(String segmentId) throws SQLException {
        update("DELETE FROM recording_segments WHERE segment_id = ?", segmentId);
    }

    /** Bytes of the stored recordings, and of those stored since {@code since}. */
    public synchronized long[] storedBytes(Instant since) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT COALESCE(SUM(bytes), 0), COALESCE(SUM(CASE WHEN stored_at"
                + " >= ? THEN bytes ELSE 0 END), 0), COUNT(*) FROM recordings WHERE state = 'stored'")) {
            ps.setLong(1, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    public synchronized int retentionDays() throws SQLException {
        String v = one("SELECT value FROM recording_settings WHERE key = 'retention-days'");
        return v == null ? 90 : Integer.parseInt(v);
    }

    public synchronized void setRetentionDays(int days) throws SQLException {
        update("INSERT INTO recording_settings (key, value) VALUES ('retention-days', ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value", Integer.toString(days));
    }

    public synchronized Optional<String> setting(String key) throws SQLException {
        return Optional.ofNullable(one("SELECT value FROM recording_settings WHERE key = ?", key));
    }

    public synchronized void setSetting(String key, String value) throws SQLException {
        update("INSERT INTO recording_settings (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
    }

    // ---------------------------------------------------------------- helpers

    private List<Recording> query(String sql, List<Object> args) throws SQLException {
        List<Recording> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Recording(rs.getString("recording_id"), rs.getString("ticket"),
                            rs.getString("ticket_number"), rs.getString("counter"), rs.getString("teller"),
                            Instant.ofEpochMilli(rs.getLong("started_at")), rs.getLong("duration_ms"),
                            rs.getString("state"), rs.getString("file"),
                            rs.getObject("bytes") == null ? null : rs.getLong("bytes"), rs.getString("sha256"),
                            rs.getString("rating"), rs.getString("error"), List.of()));
                }
            }
        }
        List<Recording> withHolds = new ArrayList<>(out.size());
        for (Recording r : out) {
            List<Long> holds = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT work_order FROM recording_holds WHERE recording_id = ? ORDER BY work_order")) {
                ps.setString(1, r.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        holds.add(rs.getLong(1));
                    }
                }
            }
            withHolds.add(new Recording(r.id(), r.ticket(), r.ticketNumber(), r.counter(), r.teller(), r.startedAt(),
                    r.durationMs(), r.state(), r.file(), r.bytes(), r.sha256(), r.rating(), r.error(), List.copyOf(holds)));
        }
        return withHolds;
    }

    private String one(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing at shutdown; nothing left to lose
        }
    }
}
