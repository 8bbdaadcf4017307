package io.counterline.console.recording;

import io.counterline.console.audit.AuditLog;
import io.counterline.console.store.ConsoleStore;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** A console.db with the recordings' tables, uploads under {@code dir}, and WAV segments of a tone. */
final class RecordingFixture implements AutoCloseable {
    final ConsoleStore consoleStore;
    final RecordingStore store;
    final AuditLog audit;
    final SegmentUploads uploads;
    final Path root;

    RecordingFixture(Path dir, Clock clock) throws Exception {
        consoleStore = ConsoleStore.open(dir.resolve("console.db"));
        store = RecordingStore.open(dir.resolve("console.db"));
        audit = new AuditLog(consoleStore, clock);
        root = dir.resolve("recordings");
        uploads = new SegmentUploads(store, root, clock, s -> { });
    }

    /** Announces and uploads one whole segment; @return its recording's id once ready. */
    String wholeRecording(String counter, String ticket, Instant startedAt, byte[] wav) throws Exception {
        String recording = UUID.randomUUID().toString();
        String segment = UUID.randomUUID().toString();
        store.announce(new Segment("caller-1", recording, segment, 0, true, ticket, counter, "t1", startedAt, 1000,
                wav.length, sha256(wav)), startedAt);
        SegmentUploads.Outcome o = uploads.append("caller-1", counter, segment, 0, wav.length, sha256(wav), wav.length,
                new ByteArrayInputStream(wav));
        if (!(o instanceof SegmentUploads.Outcome.Progress p) || !p.complete()) {
            throw new AssertionError("not uploaded: " + o);
        }
        return store.readyIfComplete(segment, startedAt).orElseThrow();
    }

    static byte[] wav(int millis, int hz) {
        int frames = 16 * millis;
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 4)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 2).putInt(16_000).putInt(64_000).putShort((short) 4)
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            short v = (short) (8000 * Math.sin(2 * Math.PI * hz * i / 16_000.0));
            b.putShort(v).putShort((short) (v / 2));
        }
        return b.array();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Override
    public void close() {
        store.close();
        consoleStore.close();
    }
}
