package io.counterline.caller.recording;

import io.counterline.outbox.Outbox;
import io.counterline.protocol.Bodies.RecordingSegment;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.Health;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the waiting segments over, on its thread ({@code recording-upload}): records each closed
 * segment's {@code recording.segment} event, uploads its file in resumable chunks (docs/recording.md,
 * "Contract"), and deletes it only once BOTH the server acknowledged the event AND confirmed the
 * whole file. A failed attempt is tried again after a growing wait ({@code retry-initial} doubling
 * up to {@code retry-max}); a segment is never given up. Every {@code .seg} change happens on
 * this thread.
 */
public final class SegmentUploader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SegmentUploader.class);
    /** How often acks are looked for when nothing else wakes the uploader. */
    private static final Duration IDLE_PASS = Duration.ofSeconds(2);
    /** Failed attempts in a row before health says so (one refused connection is not news). */
    private static final int FAILURES_BEFORE_DEGRADED = 3;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Where the segment events go: the device's outbox. */
    public interface Events {
        /** Records the event durably; returns its outbox generation and sequence. */
        long[] record(RecordingSegment body) throws Exception;

        /** Whether the event is in the outbox of generation {@code boot} still waiting for its ack. */
        Delivery delivery(long boot, long seq) throws Exception;

        /**
         * The events in {@code outbox}, recorded by {@code record} (the device runtime's, which
         * also wakes its publisher); acknowledged once the outbox no longer holds them.
         */
        static Events in(Outbox outbox, Recorder record) {
            return new Events() {
                @Override
                public long[] record(RecordingSegment body) throws Exception {
                    EventEnvelope e = record.record(body);
                    return new long[] {e.boot(), e.seq()};
                }

                @Override
                public Delivery delivery(long boot, long seq) throws Exception {
                    if (boot != outbox.boot()) {
                        return Delivery.LOST; // the outbox was replaced: record it again
                    }
                    return outbox.holds(boot, seq) ? Delivery.WAITING : Delivery.ACKNOWLEDGED;
                }
            };
        }
    }

    /** Commits a segment's event to the outbox. */
    public interface Recorder {
        EventEnvelope record(RecordingSegment body) throws Exception;
    }

    public enum Delivery { WAITING, ACKNOWLEDGED, LOST }

    private final RecordingSettings settings;
    private final SegmentSpool spool;
    private final Optional<RecordingServer> server;
    private final Events events;
    private final Consumer<Health> health;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;
    private int failures;
    private Health reported = Health.OK;

    public SegmentUploader(RecordingSettings settings, SegmentSpool spool, Optional<RecordingServer> server,
                           Events events, Consumer<Health> health) {
        this.settings = settings;
        this.spool = spool;
        this.server = server;
        this.events = events;
        this.health = health;
        this.thread = new Thread(this::run, "recording-upload");
        this.thread.setDaemon(true);
    }

    public SegmentUploader start() {
        log.info("recording: segments go to {}", server.map(s -> s + "/recordings/upload")
                .orElse("nowhere yet (no recording.server-url): they wait on disk"));
        thread.start();
        return this;
    }

    /** A segment was closed (or space is wanted): look now. */
    public void wake() {
        wake.release();
    }

    private void run() {
        while (!closed) {
            String problem = pass();
            if (problem == null) {
                failures = 0;
                report(Health.OK);
            } else {
                failures++;
                log.info("recording: upload attempt {} failed: {}", failures, problem);
                if (failures >= FAILURES_BEFORE_DEGRADED) {
                    report(Health.degraded("recording: segments wait on disk, upload fails: " + problem));
                }
            }
            Duration wait = problem == null ? IDLE_PASS : settings.uploadBackoff().delayAfter(failures);
            try {
                wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One look at every waiting segment; returns null when all went well, else what failed. */
    String pass() {
        List<SegmentSpool.Stored> waiting;
        try {
            waiting = spool.waiting();
        } catch (IOException e) {
            return "cannot read " + spool.dir() + ": " + e.getMessage();
        }
        String problem = null;
        for (SegmentSpool.Stored s : waiting) {
            if (closed) {
                return null;
            }
            try {
                s = announce(s);
                if (!s.uploaded() && server.isPresent() && problem == null) {
                    String failed = upload(s);
                    if (failed == null) {
                        s = spool.uploaded(s);
                        log.info("recording: segment {} ({} of recording {}) uploaded, {} bytes", s.id(),
                                s.body().index(), s.body().recordingId(), s.body().bytes());
                    } else {
                        problem = failed; // the others wait for the next attempt
                    }
                }
                if (s.uploaded() && s.announced()
                        && events.delivery(s.eventBoot(), s.eventSeq()) == Delivery.ACKNOWLEDGED) {
                    spool.delete(s);
                }
            } catch (Exception e) {
                problem = problem == null ? "segment " + s.id() + ": " + describe(e) : problem;
            }
        }
        return problem;
    }

    /** Records the event of a segment that has none in the current outbox. */
    private SegmentSpool.Stored announce(SegmentSpool.Stored s) throws Exception {
        if (s.announced() && events.delivery(s.eventBoot(), s.eventSeq()) != Delivery.LOST) {
            return s;
        }
        long[] at = events.record(s.body());
        return spool.announced(s, at[0], at[1]);
    }

    /** Uploads one segment from where the server has it; null when the server confirmed it whole. */
    private String upload(SegmentSpool.Stored s) throws IOException, InterruptedException {
        RecordingServer to = server.orElseThrow();
        RecordingSegment body = s.body();
        if (!SegmentSpool.sha256(s.wav()).equals(body.sha256())) {
            // Kept for someone to look at; uploading it would only be refused.
            return "segment " + s.id() + " no longer matches its checksum on disk (damaged); kept, not uploaded";
        }
        HttpResponse<Void> head = to.client().send(request(to, s.id()).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() != 200) {
            return "HEAD " + s.id() + ": HTTP " + head.statusCode();
        }
        if (complete(head)) {
            return null;
        }
        long offset = offset(head).orElse(0L);
        int mismatches = 0;
        // Bounded: each chunk moves the offset on; 409s and 422s are counted.
        int rounds = (int) (body.bytes() / settings.uploadChunk()) + 8;
        try (RandomAccessFile file = new RandomAccessFile(s.wav().toFile(), "r")) {
            for (int round = 0; round < rounds && !closed; round++) {
                if (offset < 0 || offset > body.bytes()) {
                    return "server offset " + offset + " outside 0.." + body.bytes();
                }
                byte[] chunk = new byte[(int) Math.min(settings.uploadChunk(), body.bytes() - offset)];
                file.seek(offset);
                file.readFully(chunk);
                HttpResponse<Void> r = to.client().send(request(to, s.id())
                        .header("Upload-Offset", String.valueOf(offset))
                        .header("Upload-Length", String.valueOf(body.bytes()))
                        .header("Recording-Sha256", body.sha256())
                        .header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)).build(),
                        HttpResponse.BodyHandlers.discarding());
                switch (r.statusCode()) {
                    case 201 -> {
                        return null;
                    }
                    case 204 -> {
                        Optional<Long> next = offset(r);
                        if (next.isEmpty() || next.get() <= offset) {
                            return "PATCH " + s.id() + ": 204 without progress";
                        }
                        offset = next.get();
                    }
                    case 409 -> {
                        Optional<Long> theirs = offset(r);
                        if (theirs.isEmpty()) {
                            return "PATCH " + s.id() + ": 409 without Upload-Offset";
                        }
                        offset = theirs.get();
                    }
                    case 422 -> {
                        if (++mismatches > 1) {
                            return "server refuses the checksum of " + s.id() + " twice";
                        }
                        offset = 0;
                    }
                    default -> {
                        return "PATCH " + s.id() + ": HTTP " + r.statusCode();
                    }
                }
            }
        }
        return closed ? "closing" : "upload of " + s.id() + " did not finish in " + rounds + " requests";
    }

    private static HttpRequest.Builder request(RecordingServer to, String segmentId) {
        return HttpRequest.newBuilder(to.upload(segmentId)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", to.authorization());
    }

    private static boolean complete(HttpResponse<?> r) {
        return r.headers().firstValue("Upload-Complete").map(v -> v.strip().equals("?1")).orElse(false);
    }

    private static Optional<Long> offset(HttpResponse<?> r) {
        try {
            return r.headers().firstValue("Upload-Offset").map(v -> Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A connection refused has no message in the JDK's client: its kind says it. */
    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private void report(Health h) {
        if (!h.equals(reported)) {
            reported = h;
            health.accept(h);
        }
    }

    @Override
    public void close() {
        closed = true;
        wake.release();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
