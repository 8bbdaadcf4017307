package io.counterline.caller.recording;

import io.counterline.protocol.Bodies.RecordingSegment;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segments waiting on the device's disk, one directory ({@code <data-dir>/recordings}):
 *
 * <ul>
 *   <li>{@code <segmentId>.part} + {@code <segmentId>.open}: the segment being captured, and what
 *       it belongs to (recording, index, ticket, counter, teller, start);</li>
 *   <li>{@code <segmentId>.wav} + {@code <segmentId>.seg}: a closed segment, its event body, whether
 *       its event is in the outbox (generation and sequence) and whether the server has it whole.</li>
 * </ul>
 *
 * <p>A file is written, forced to disk, then renamed, so every {@code .seg} is whole. A
 * {@code .part} left by a crash is closed by {@link #recover} (see docs/recording.md). Nothing
 * here deletes a segment on its own: only {@link #delete}, which the uploader calls once both
 * the server's event ack and its upload confirmation are in.
 *
 * <p>Thread-safe: the capture thread writes, the upload thread reads, marks and deletes.
 */
public final class SegmentSpool {
    private static final Logger log = LoggerFactory.getLogger(SegmentSpool.class);

    private final Path dir;
    private final AtomicLong used = new AtomicLong();

    /** What a segment belongs to, known when it is opened. */
    public record Start(String recordingId, String segmentId, int index, String ticketId, String counterId,
                        String tellerId, long startedAt) {
    }

    /**
     * A closed segment.
     *
     * @param eventBoot outbox generation of its {@code recording.segment} event; 0 while not recorded
     * @param eventSeq  sequence of that event; 0 while not recorded
     * @param uploaded  the server confirmed it holds the whole verified file
     */
    public record Stored(RecordingSegment body, Path wav, long eventBoot, long eventSeq, boolean uploaded) {
        public boolean announced() {
            return eventSeq > 0;
        }

        public String id() {
            return body.segmentId();
        }
    }

    private SegmentSpool(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating) the directory and counts what it holds. */
    public static SegmentSpool open(Path dir) throws IOException {
        Files.createDirectories(dir);
        SegmentSpool spool = new SegmentSpool(dir);
        try (Stream<Path> files = Files.list(dir)) {
            spool.used.set(files.mapToLong(SegmentSpool::sizeOf).sum());
        }
        return spool;
    }

    public Path dir() {
        return dir;
    }

    /** Bytes of every file in the directory (waiting segments, the open one, their notes). */
    public long used() {
        return used.get();
    }

    /** Starts a segment file; its 44-byte header gets its sizes at {@link Writing#close}. */
    public Writing begin(Start start) throws IOException {
        Properties p = new Properties();
        p.setProperty("recordingId", start.recordingId());
        p.setProperty("index", String.valueOf(start.index()));
        p.setProperty("ticketId", start.ticketId());
        p.setProperty("counterId", start.counterId());
        if (start.tellerId() != null) {
            p.setProperty("tellerId", start.tellerId());
        }
        p.setProperty("startedAt", String.valueOf(start.startedAt()));
        writeProperties(dir.resolve(start.segmentId() + ".open"), p);
        FileChannel channel = FileChannel.open(dir.resolve(start.segmentId() + ".part"), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(WavHeader.of(0)));
        used.addAndGet(WavHeader.SIZE);
        return new Writing(start, channel);
    }

    /** The segment being captured: blocks are appended, then it is closed into a {@link Stored}. */
    public final class Writing {
        private final Start start;
        private final FileChannel channel;
        private long pcmBytes;

        private Writing(Start start, FileChannel channel) {
            this.start = start;
            this.channel = channel;
        }

        public Start start() {
            return start;
        }

        public long pcmBytes() {
            return pcmBytes;
        }

        public void append(byte[] block) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(block);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            pcmBytes += block.length;
            used.addAndGet(block.length);
        }

        /**
         * Closes the file: sizes in the header, forced to disk, checksummed, renamed to {@code .wav}
         * with its {@code .seg} note. A segment without audio is removed and gives null.
         */
        public Stored close(boolean last) throws IOException {
            try (channel) {
                if (pcmBytes == 0) {
                    channel.truncate(0);
                } else {
                    channel.write(ByteBuffer.wrap(WavHeader.of(pcmBytes)), 0);
                    channel.force(true);
                }
            }
            return finish(start, dir.resolve(start.segmentId() + ".part"), last);
        }
    }

    private Stored finish(Start start, Path part, boolean last) throws IOException {
        long size = Files.size(part);
        if (size <= WavHeader.SIZE) {
            remove(part);
            remove(dir.resolve(start.segmentId() + ".open"));
            return null;
        }
        Path wav = dir.resolve(start.segmentId() + ".wav");
        RecordingSegment body = new RecordingSegment(start.recordingId(), start.segmentId(), start.index(), last,
                start.ticketId(), start.counterId(), start.tellerId(), start.startedAt(),
                Math.max(1, Pcm.millis(size - WavHeader.SIZE)), size, sha256(part), RecordingSegment.FORMAT);
        move(part, wav);
        Stored stored = new Stored(body, wav, 0, 0, false);
        save(stored);
        remove(dir.resolve(start.segmentId() + ".open"));
        return stored;
    }

    /**
     * Closes what a crash left open: each {@code .part} with its {@code .open} note, cut to whole
     * 100 ms blocks, becomes the last segment of its recording (the recording cannot go on after a
     * restart); one without audio is removed; one without its note cannot be announced and is
     * moved to {@code broken/} (and reported). Returns the segments it closed.
     */
    public List<Stored> recover() throws IOException {
        List<Stored> closed = new ArrayList<>();
        for (Path tmp : list(".tmp")) {
            remove(tmp); // a note being written when the power went; the note it replaced is whole
        }
        for (Path open : list(".open")) {
            String id = stem(open);
            Path part = dir.resolve(id + ".part");
            Path wav = dir.resolve(id + ".wav");
            if (!Files.exists(part) && Files.exists(wav) && !Files.exists(dir.resolve(id + ".seg"))) {
                move(wav, part); // renamed, but its note was not written: close it again
            }
            if (!Files.exists(part)) {
                remove(open);
                continue;
            }
            Properties p = readProperties(open);
            Start start = new Start(p.getProperty("recordingId"), id, Integer.parseInt(p.getProperty("index")),
                    p.getProperty("ticketId"), p.getProperty("counterId"), p.getProperty("tellerId"),
                    Long.parseLong(p.getProperty("startedAt")));
            long pcm = Math.max(0, Files.size(part) - WavHeader.SIZE) / Pcm.BLOCK_BYTES * Pcm.BLOCK_BYTES;
            try (FileChannel c = FileChannel.open(part, StandardOpenOption.WRITE)) {
                long before = c.size();
                c.truncate(pcm == 0 ? 0 : WavHeader.SIZE + pcm);
                used.addAndGet(c.size() - before);
                if (pcm > 0) {
                    c.write(ByteBuffer.wrap(WavHeader.of(pcm)), 0);
                }
                c.force(true);
            }
            Stored s = finish(start, part, true);
            log.warn("recording: segment {} (index {} of recording {}) was left open by a crash: {}", id,
                    start.index(), start.recordingId(), s == null ? "it held no audio, removed"
                            : "closed with " + s.body().durationMs() + " ms of audio");
            if (s != null) {
                closed.add(s);
            }
        }
        for (Path part : list(".part")) {
            Path broken = Files.createDirectories(dir.resolve("broken")).resolve(part.getFileName());
            Files.move(part, broken, StandardCopyOption.REPLACE_EXISTING);
            log.error("recording: {} has no note of what it belongs to; moved to {} (not uploaded)", part, broken);
        }
        return closed;
    }

    /** The closed segments, oldest first. */
    public List<Stored> waiting() throws IOException {
        List<Stored> out = new ArrayList<>();
        for (Path seg : list(".seg")) {
            out.add(read(seg));
        }
        out.sort(Comparator.comparingLong((Stored s) -> s.body().startedAt()).thenComparing(s -> s.body().index()));
        return out;
    }

    public Stored announced(Stored s, long boot, long seq) throws IOException {
        Stored next = new Stored(s.body(), s.wav(), boot, seq, s.uploaded());
        save(next);
        return next;
    }

    public Stored uploaded(Stored s) throws IOException {
        Stored next = new Stored(s.body(), s.wav(), s.eventBoot(), s.eventSeq(), true);
        save(next);
        return next;
    }

    /** Removes a segment; call only once the server has both its event and its whole file. */
    public void delete(Stored s) throws IOException {
        remove(s.wav());
        remove(dir.resolve(s.id() + ".seg"));
    }

    private void save(Stored s) throws IOException {
        RecordingSegment b = s.body();
        Properties p = new Properties();
        p.setProperty("recordingId", b.recordingId());
        p.setProperty("segmentId", b.segmentId());
        p.setProperty("index", String.valueOf(b.index()));
        p.setProperty("last", String.valueOf(b.last()));
        p.setProperty("ticketId", b.ticketId());
        p.setProperty("counterId", b.counterId());
        if (b.tellerId() != null) {
            p.setProperty("tellerId", b.tellerId());
        }
        p.setProperty("startedAt", String.valueOf(b.startedAt()));
        p.setProperty("durationMs", String.valueOf(b.durationMs()));
        p.setProperty("bytes", String.valueOf(b.bytes()));
        p.setProperty("sha256", b.sha256());
        p.setProperty("eventBoot", String.valueOf(s.eventBoot()));
        p.setProperty("eventSeq", String.valueOf(s.eventSeq()));
        p.setProperty("uploaded", String.valueOf(s.uploaded()));
        writeProperties(dir.resolve(b.segmentId() + ".seg"), p);
    }

    private Stored read(Path seg) throws IOException {
        Properties p = readProperties(seg);
        RecordingSegment body = new RecordingSegment(p.getProperty("recordingId"), p.getProperty("segmentId"),
                Integer.valueOf(p.getProperty("index")), Boolean.valueOf(p.getProperty("last")),
                p.getProperty("ticketId"), p.getProperty("counterId"), p.getProperty("tellerId"),
                Long.valueOf(p.getProperty("startedAt")), Long.valueOf(p.getProperty("durationMs")),
                Long.valueOf(p.getProperty("bytes")), p.getProperty("sha256"), RecordingSegment.FORMAT);
        return new Stored(body, dir.resolve(body.segmentId() + ".wav"), Long.parseLong(p.getProperty("eventBoot")),
                Long.parseLong(p.getProperty("eventSeq")), Boolean.parseBoolean(p.getProperty("uploaded")));
    }

    private void writeProperties(Path file, Properties p) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        long before = sizeOf(file);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
             Writer w = java.nio.channels.Channels.newWriter(c, StandardCharsets.UTF_8)) {
            p.store(w, null);
            w.flush();
            c.force(true);
        }
        move(tmp, file);
        used.addAndGet(sizeOf(file) - before);
    }

    private static Properties readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private List<Path> list(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void remove(Path file) throws IOException {
        long size = sizeOf(file);
        if (Files.deleteIfExists(file)) {
            used.addAndGet(-size);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** SHA-256 of a file, as 64 lowercase hex digits. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
