package io.counterline.console.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes recordings that are whole, one at a time on a thread of its own (never the engine's nor
 * the bus's): its queue is the {@code ready} rows of the store, so a restart continues where it
 * stopped. The segments are deleted only once the encoded file decoded back to their length.
 */
public final class EncodeWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EncodeWorker.class);

    private final RecordingStore store;
    private final SegmentUploads uploads;
    private final OpusEncoder encoder;
    private final Path root;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopping;

    public EncodeWorker(RecordingStore store, SegmentUploads uploads, OpusEncoder encoder, Path root, Clock clock) {
        this.store = store;
        this.uploads = uploads;
        this.encoder = encoder;
        this.root = root;
        this.clock = clock;
        this.thread = new Thread(this::run, "recording-encoder");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    public EncodeWorker start() {
        thread.start();
        return this;
    }

    /** Something may have become ready. */
    public void poke() {
        wake.release();
    }

    private void run() {
        while (!stopping) {
            try {
                for (String id : store.ready()) {
                    if (stopping) {
                        return;
                    }
                    encode(id);
                }
                // A poke, or a look now and then in case one was missed.
                wake.tryAcquire(30, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                log.warn("recording: encoder could not read its queue: {}", e.getMessage());
                try {
                    wake.tryAcquire(5, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void encode(String id) throws SQLException, InterruptedException {
        RecordingStore.Recording r = store.find(id).orElseThrow();
        List<String> segments = store.segmentIds(id);
        List<Path> files = new ArrayList<>();
        segments.forEach(s -> files.add(uploads.segmentFile(s)));
        String name = YearMonth.from(r.startedAt().atOffset(ZoneOffset.UTC)) + "/" + id + ".opus";
        Path out = root.resolve(name);
        long t0 = System.nanoTime();
        try {
            long pcm = encoder.encode(files, out, r.durationMs());
            String sha = SegmentUploads.sha256(out);
            long bytes = Files.size(out);
            store.stored(id, name, bytes, sha, clock.instant());
            for (String s : segments) {
                uploads.dropFiles(s);
            }
            log.info("recording {} of ticket {} stored: {} s of audio, {} bytes, encoded in {} ms", id, r.ticket(),
                    pcm / (OpusEncoder.RATE * OpusEncoder.CHANNELS * 2), bytes, (System.nanoTime() - t0) / 1_000_000);
        } catch (OpusEncoder.EncodeException | IOException e) {
            log.warn("recording {} of ticket {} not encoded, its segments are kept: {}", id, r.ticket(), e.getMessage());
            store.failed(id, e.getMessage());
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
