package io.counterline.console.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The resumable upload of segment files (docs/recording.md "## Contract"): the staged file's size
 * is the offset, so whatever arrived before a cut connection counts and the device resumes from
 * the offset a {@code HEAD} gives. A whole file is checked against the SHA-256 the device gave;
 * only a verified file leaves staging. One upload of a segment at a time.
 */
public final class SegmentUploads {
    /** The largest chunk one PATCH may carry. */
    public static final int MAX_CHUNK = 1024 * 1024;

    /** The answer to a HEAD or PATCH. */
    public sealed interface Outcome {
        /** @param complete the whole file is here and verified */
        record Progress(long offset, boolean complete, boolean created) implements Outcome {
        }

        /** The device's offset is not the server's: resume from {@code offset}. */
        record Conflict(long offset) implements Outcome {
        }

        /** Not this device's segment, or not its counter. */
        record Forbidden(String why) implements Outcome {
        }

        record Bad(String why) implements Outcome {
        }

        /** The whole file's checksum did not match: staging dropped, start over. */
        record Mismatch(String why) implements Outcome {
        }
    }

    private final RecordingStore store;
    private final Path staging;
    private final Path segments;
    private final Clock clock;
    private final Consumer<String> onVerified;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    /** @param onVerified told of each segment id once verified (to see whether its recording is whole) */
    public SegmentUploads(RecordingStore store, Path root, Clock clock, Consumer<String> onVerified) throws IOException {
        this.store = store;
        this.staging = Files.createDirectories(root.resolve("staging"));
        this.segments = Files.createDirectories(root.resolve("segments"));
        this.clock = clock;
        this.onVerified = onVerified;
    }

    /** The verified file of a segment. */
    public Path segmentFile(String segmentId) {
        return segments.resolve(Segment.uuid("segmentId", segmentId) + ".wav");
    }

    private Path stagingFile(String segmentId) {
        return staging.resolve(segmentId + ".part");
    }

    /** {@code HEAD}: how much of the segment is here. */
    public Outcome offset(String device, String counter, String segmentId) throws SQLException, IOException {
        Segment.uuid("segmentId", segmentId);
        synchronized (lock(segmentId)) {
            Optional<RecordingStore.UploadRow> row = store.upload(segmentId);
            Optional<Outcome> refused = refused(device, counter, row);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (row.isPresent() && row.get().verified()) {
                return new Outcome.Progress(row.get().uploadLength(), true, false);
            }
            Path part = stagingFile(segmentId);
            return new Outcome.Progress(Files.exists(part) ? Files.size(part) : 0, false, false);
        }
    }

    /**
     * {@code PATCH}: appends the chunk at {@code offset}. Bytes read before a connection is cut stay
     * staged (the offset says how many).
     */
    public Outcome append(String device, String counter, String segmentId, long offset, long length, String sha256,
                          long chunkLength, InputStream body) throws SQLException, IOException {
        Segment.uuid("segmentId", segmentId);
        if (length < 1 || length > Segment.MAX_BYTES) {
            return new Outcome.Bad("Upload-Length must be 1.." + Segment.MAX_BYTES);
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            return new Outcome.Bad("Recording-Sha256 must be 64 lowercase hex digits");
        }
        if (chunkLength > MAX_CHUNK) {
            return new Outcome.Bad("a chunk is at most " + MAX_CHUNK + " bytes");
        }
        synchronized (lock(segmentId)) {
            Optional<RecordingStore.UploadRow> row = store.upload(segmentId);
            Optional<Outcome> refused = refused(device, counter, row);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (row.isPresent() && row.get().verified()) {
                return row.get().uploadLength() == length && sha256.equals(row.get().uploadSha256())
                        ? new Outcome.Progress(length, true, false) : new Outcome.Bad("segment already stored differently");
            }
            if (row.isPresent() && row.get().announced() && (row.get().bytes() != length
                    || !sha256.equals(row.get().sha256()))) {
                return new Outcome.Bad("the length or checksum is not the announced one");
            }
            Path part = stagingFile(segmentId);
            long have = Files.exists(part) ? Files.size(part) : 0;
            if (row.isEmpty() || row.get().uploadLength() == null || have == 0) {
                store.startUpload(segmentId, device, length, sha256, clock.instant());
            } else if (row.get().uploadLength() != length || !sha256.equals(row.get().uploadSha256())) {
                return new Outcome.Bad("Upload-Length and Recording-Sha256 must stay those of the first chunk");
            }
            if (offset != have) {
                return new Outcome.Conflict(have);
            }
            long room = length - have;
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND); OutputStream out = Channels.newOutputStream(ch)) {
                byte[] buf = new byte[64 * 1024];
                long left = Math.min(room, chunkLength < 0 ? MAX_CHUNK : chunkLength);
                try {
                    while (left > 0) {
                        int n = body.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            break;
                        }
                        out.write(buf, 0, n);
                        left -= n;
                    }
                } finally {
                    ch.force(false); // what is counted as received must be on disk
                }
            }
            have = Files.size(part);
            if (have < length) {
                return new Outcome.Progress(have, false, false);
            }
            String actual = sha256(part);
            if (!actual.equals(sha256)) {
                Files.deleteIfExists(part);
                store.dropUpload(segmentId);
                return new Outcome.Mismatch("SHA-256 of the " + length + " bytes is " + actual + ", not " + sha256);
            }
            Files.move(part, segmentFile(segmentId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            store.verified(segmentId);
        }
        onVerified.accept(segmentId);
        return new Outcome.Progress(length, true, true);
    }

    /** A device's upload of someone else's segment, or of another counter's. */
    private static Optional<Outcome> refused(String device, String counter, Optional<RecordingStore.UploadRow> row) {
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!row.get().device().equals(device)) {
            return Optional.of(new Outcome.Forbidden("the segment belongs to another device"));
        }
        if (row.get().counter() != null && !row.get().counter().equals(counter)) {
            return Optional.of(new Outcome.Forbidden("the segment was recorded at counter " + row.get().counter()));
        }
        return Optional.empty();
    }

    public void dropFiles(String segmentId) throws IOException {
        Files.deleteIfExists(stagingFile(segmentId));
        Files.deleteIfExists(segmentFile(segmentId));
    }

    private Object lock(String segmentId) {
        return locks.computeIfAbsent(segmentId, k -> new Object());
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
