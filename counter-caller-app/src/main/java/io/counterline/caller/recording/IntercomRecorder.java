package io.counterline.caller.recording;

import io.counterline.messaging.Backoff;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Health;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the intercom all the time on its thread ({@code recording-capture}) and records it per
 * transaction: {@link #transaction} with a ticket starts a recording (a new {@code recordingId}),
 * with another ticket or none ends it. A recording is cut into closed segments of
 * {@code segment-length}; each closed segment goes to {@code closed} (which records its event).
 * Every block also goes to {@code live} (which drops it unless someone listens).
 *
 * <p>When the waiting segments reach the quota, the open segment is closed, recording pauses
 * and health turns degraded with the reason; it goes on (same recording, next index) once the
 * uploader has freed a tenth of the quota. Nothing waiting is ever deleted to make room.
 *
 * <p>A <b>voice note</b> ({@link #startVoiceNote}) is the teller's channel alone (the customer's
 * is silenced), recorded from the same blocks into a recording of its own: one segment, the last,
 * at most {@link Bodies.NewOrder#MAX_VOICE_NOTE_MS}, handed over like every segment.
 */
public final class IntercomRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IntercomRecorder.class);
    private static final Backoff CAPTURE_RETRY = new Backoff(java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(30));

    /**
     * What happens around the recorder: the callbacks run on the capture thread and must return
     * quickly. Each does nothing unless overridden.
     */
    public interface Listener {
        /** A segment was closed and checksummed; hand it over. */
        default void closed(SegmentSpool.Stored segment) {
        }

        /** A recording started (true) or ended or paused (false): the teller screen shows it. */
        default void recording(boolean on) {
        }

        /** The recorder's health: capture device, quota. */
        default void health(Health health) {
        }

        /** A recording starts: play the start notice if one is configured. */
        default void started() {
        }
    }

    private final RecordingSettings settings;
    private final AudioCapture capture;
    private final SegmentSpool spool;
    private final LongSupplier epochMillis;
    private final String counter;
    private final Listener listener;
    private final LiveSender live;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean stopping;
    // Confined to the capture thread:
    private String ticketId;
    private String tellerId;
    private String recordingId;
    private int nextIndex;
    private SegmentSpool.Writing open;
    private boolean paused;
    private Health health = Health.OK;
    private int captureFailures;
    private SegmentSpool.Writing note;
    private CompletableFuture<Optional<String>> noteDone;

    /**
     * @param epochMillis the device's clock corrected by its offset from the server's
     * @param live        gets every block; null for none
     */
    public IntercomRecorder(RecordingSettings settings, AudioCapture capture, SegmentSpool spool,
                            LongSupplier epochMillis, String counter, Listener listener, LiveSender live) {
        this.settings = settings;
        this.capture = capture;
        this.spool = spool;
        this.epochMillis = epochMillis;
        this.counter = counter;
        this.listener = listener;
        this.live = live;
        this.thread = new Thread(this::run, "recording-capture");
        this.thread.setDaemon(true);
    }

    public IntercomRecorder start() {
        log.info("recording: capturing from {}, segments of {} into {} (quota {} bytes)", capture.describe(),
                settings.segmentLength(), spool.dir(), settings.quotaBytes());
        thread.start();
        return this;
    }

    /**
     * The transaction at the counter now: a ticket (and the teller signed in), or null when no
     * customer is at the counter. Any thread; the same ticket again changes nothing.
     */
    public void transaction(String ticket, String teller) {
        commands.add(() -> {
            if (ticket != null && ticket.equals(ticketId)) {
                return;
            }
            endRecording();
            if (ticket != null) {
                ticketId = ticket;
                tellerId = teller;
                recordingId = UUID.randomUUID().toString();
                nextIndex = 0;
                log.info("recording: {} starts for ticket {}", recordingId, ticket);
                listener.started();
                listener.recording(!paused);
            }
        });
    }

    /**
     * Starts a voice note of the teller's channel (any thread); one already running is stopped
     * first. It stops by itself at the limit, at the quota, or when the recorder closes.
     *
     * @param ticket the ticket at the counter (the note's recording is listed under it), or null
     * @return the note's {@code recordingId}
     */
    public String startVoiceNote(String ticket, String teller) {
        String id = UUID.randomUUID().toString();
        long startedAt = epochMillis.getAsLong();
        CompletableFuture<Optional<String>> done = new CompletableFuture<>();
        commands.add(() -> {
            closeNote();
            noteDone = done;
            try {
                note = spool.begin(new SegmentSpool.Start(id, UUID.randomUUID().toString(), 0,
                        ticket == null ? NO_TICKET : ticket, counter, teller, startedAt));
                log.info("recording: voice note {} starts", id);
            } catch (IOException e) {
                report(Health.degraded("recording: cannot write to " + spool.dir() + ": " + e.getMessage()));
                closeNote();
            }
        });
        return id;
    }

    /**
     * Stops the voice note (any thread).
     *
     * @return completes once its segment is closed and waits for upload: its {@code recordingId},
     *         or empty when it holds no audio (or could not be written) and there is no note
     */
    public CompletableFuture<Optional<String>> stopVoiceNote() {
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        commands.add(() -> {
            CompletableFuture<Optional<String>> done = noteDone;
            closeNote();
            noteDone = null; // told once; a note that stopped by itself at the limit is told here
            if (done == null) {
                result.complete(Optional.empty());
            } else {
                done.whenComplete((id, e) -> result.complete(e == null ? id : Optional.empty()));
            }
        });
        return result;
    }

    /** The ticket id of a voice note dictated with no ticket at the counter. */
    public static final String NO_TICKET = "voicenote";

    private void dictate(byte[] block) {
        if (note == null) {
            return;
        }
        if (Pcm.millis(note.pcmBytes()) >= Bodies.NewOrder.MAX_VOICE_NOTE_MS
                || spool.used() + block.length + WavHeader.SIZE + 1024 > settings.quotaBytes()) {
            closeNote();
            return;
        }
        byte[] teller = block.clone();
        for (int i = 2; i + 1 < teller.length; i += 4) {
            teller[i] = 0; // the customer's (right) sample of each frame
            teller[i + 1] = 0;
        }
        try {
            note.append(teller);
        } catch (IOException e) {
            report(Health.degraded("recording: cannot write to " + spool.dir() + ": " + e.getMessage()));
            closeNote();
        }
    }

    private void closeNote() {
        SegmentSpool.Writing closing = note;
        CompletableFuture<Optional<String>> done = noteDone;
        note = null;
        if (closing == null) {
            return;
        }
        SegmentSpool.Stored stored = null;
        try {
            stored = closing.close(true);
            if (stored != null) {
                listener.closed(stored);
                log.info("recording: voice note {} closed ({} ms)", closing.start().recordingId(),
                        stored.body().durationMs());
            }
        } catch (IOException e) {
            // Left as .part with its note: the next start closes it (SegmentSpool.recover).
            log.error("recording: voice note {} could not be closed: {}", closing.start().recordingId(), e.getMessage());
        }
        if (done != null) {
            done.complete(stored == null ? Optional.empty() : Optional.of(closing.start().recordingId()));
        }
    }

    private void run() {
        byte[] block = new byte[Pcm.BLOCK_BYTES];
        while (!stopping) {
            try {
                capture.read(block);
                if (captureFailures > 0) {
                    log.info("recording: {} captures again", capture.describe());
                    captureFailures = 0;
                    report(quotaHealth());
                }
            } catch (IOException e) {
                if (stopping) {
                    break;
                }
                captureFailures++;
                report(Health.degraded("recording: " + capture.describe() + ": " + e.getMessage()));
                closeSegment(false);
                // A pause before opening the device again, not a synchronisation.
                LockSupport.parkNanos(CAPTURE_RETRY.delayAfter(captureFailures).toNanos());
                continue;
            }
            long capturedAt = epochMillis.getAsLong() - Pcm.BLOCK_MS;
            for (Runnable c; (c = commands.poll()) != null; ) {
                c.run();
            }
            if (live != null) {
                live.offer(capturedAt, block);
            }
            if (ticketId != null) {
                record(block, capturedAt);
            }
            dictate(block);
        }
        for (Runnable c; (c = commands.poll()) != null; ) {
            c.run();
        }
        endRecording();
        closeNote();
        if (noteDone != null) {
            noteDone.complete(Optional.empty());
        }
    }

    private void record(byte[] block, long capturedAt) {
        if (paused) {
            if (spool.used() + block.length > settings.quotaBytes() * 9 / 10) {
                return;
            }
            paused = false;
            log.info("recording: below the quota again; recording {} goes on", recordingId);
            report(Health.OK);
            listener.recording(true);
        }
        if (spool.used() + block.length + WavHeader.SIZE + 1024 > settings.quotaBytes()) {
            closeSegment(false);
            paused = true;
            String why = "recording: disk quota of " + settings.quotaBytes() / (1024 * 1024) + " MiB reached ("
                    + spool.used() + " bytes wait for upload); recording paused";
            log.warn(why);
            report(Health.degraded(why));
            listener.recording(false);
            return;
        }
        if (open != null && Pcm.millis(open.pcmBytes()) >= settings.segmentLength().toMillis()) {
            // Cut when the next block comes, not when the length is reached: the segment that ends
            // a recording must be the one marked last.
            closeSegment(false);
        }
        try {
            if (open == null) {
                open = spool.begin(new SegmentSpool.Start(recordingId, UUID.randomUUID().toString(), nextIndex++,
                        ticketId, counter, tellerId, capturedAt));
            }
            open.append(block);
        } catch (IOException e) {
            report(Health.degraded("recording: cannot write to " + spool.dir() + ": " + e.getMessage()));
            closeSegment(false);
        }
    }

    private void endRecording() {
        if (ticketId == null) {
            return;
        }
        closeSegment(true);
        log.info("recording: {} of ticket {} ends", recordingId, ticketId);
        ticketId = null;
        tellerId = null;
        recordingId = null;
        listener.recording(false);
    }

    private void closeSegment(boolean last) {
        if (open == null) {
            return;
        }
        SegmentSpool.Writing closing = open;
        open = null;
        try {
            SegmentSpool.Stored stored = closing.close(last);
            if (stored != null) {
                listener.closed(stored);
            }
        } catch (IOException e) {
            // Left as .part with its note: the next start closes it (SegmentSpool.recover).
            log.error("recording: segment {} could not be closed: {}", closing.start().segmentId(), e.getMessage());
            report(Health.degraded("recording: cannot close a segment: " + e.getMessage()));
        }
    }

    private Health quotaHealth() {
        return paused ? health : Health.OK;
    }

    private void report(Health next) {
        if (!next.equals(health)) {
            health = next;
            listener.health(next);
        }
    }

    /** Stops capturing and closes the open segment as the last of its recording. */
    @Override
    public void close() {
        stopping = true;
        capture.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
