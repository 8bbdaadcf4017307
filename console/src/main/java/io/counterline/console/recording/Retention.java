package io.counterline.console.recording;

import io.counterline.console.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps recordings for the policy's days (default 90) unless a work order holds them, purged once
 * a night after {@link #PURGE_HOUR} branch time; each purge is audited with what it removed.
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final int PURGE_HOUR = 2;
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3650;
    /** Segments that never became a whole recording are dropped after this long. */
    static final Duration ABANDONED = Duration.ofDays(7);

    /** What the page shows: bytes stored, the rate of the last week, and how long the disk lasts. */
    public record Storage(long storedBytes, long recordings, long bytesPerDay, long usableBytes, int retentionDays) {
        /** Days the free disk holds at the current rate; -1 when nothing is being recorded. */
        public long daysOfDisk() {
            return bytesPerDay == 0 ? -1 : usableBytes / bytesPerDay;
        }

        /** What the retention policy will keep at the current rate. */
        public long steadyBytes() {
            return bytesPerDay * retentionDays;
        }
    }

    private final RecordingStore store;
    private final SegmentUploads uploads;
    private final Path root;
    private final AuditLog audit;
    private final ZoneId zone;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recording-purge");
        t.setDaemon(true);
        return t;
    });

    public Retention(RecordingStore store, SegmentUploads uploads, Path root, AuditLog audit, ZoneId zone, Clock clock) {
        this.store = store;
        this.uploads = uploads;
        this.root = root;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    public Retention start() {
        timer.scheduleWithFixedDelay(this::nightly, 1, 15, TimeUnit.MINUTES);
        return this;
    }

    private void nightly() {
        try {
            ZonedDateTime now = clock.instant().atZone(zone);
            String today = now.toLocalDate().toString();
            if (now.getHour() >= PURGE_HOUR && !today.equals(store.setting("last-purge").orElse(""))) {
                purge("system", "-");
                store.setSetting("last-purge", today);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            log.warn("recording: nightly purge failed, tried again in 15 minutes: {}", e.getMessage());
        }
    }

    /**
     * Removes the recordings older than the policy that no work order holds, and segments that
     * never became a whole recording within {@link #ABANDONED}. Audited ({@code recording.purge}).
     *
     * @return how many recordings were removed
     */
    public int purge(String actor, String ip) throws SQLException, IOException {
        int days = store.retentionDays();
        Instant before = clock.instant().minus(Duration.ofDays(days));
        int removed = 0;
        long bytes = 0;
        for (RecordingStore.Recording r : store.expired(before)) {
            if (r.file() != null) {
                Files.deleteIfExists(root.resolve(r.file()));
            }
            for (String s : store.segmentIds(r.id())) {
                uploads.dropFiles(s);
            }
            store.purged(r.id());
            removed++;
            bytes += r.bytes() == null ? 0 : r.bytes();
        }
        int abandoned = 0;
        for (String s : store.abandonedSegments(clock.instant().minus(ABANDONED))) {
            uploads.dropFiles(s);
            store.forgetSegment(s);
            abandoned++;
        }
        audit.record(actor, ip, "recording.purge", removed + " recordings (" + bytes + " bytes) older than " + days
                + " days, not held; " + abandoned + " abandoned segments");
        log.info("recording: purged {} recordings older than {} days and {} abandoned segments", removed, days, abandoned);
        return removed;
    }

    public Storage storage() throws SQLException, IOException {
        long[] b = store.storedBytes(clock.instant().minus(Duration.ofDays(7)));
        return new Storage(b[0], b[2], b[1] / 7, Files.getFileStore(root).getUsableSpace(), store.retentionDays());
    }

    /** @throws IllegalArgumentException outside {@link #MIN_DAYS}..{@link #MAX_DAYS} */
    public void setDays(String actor, String ip, int days) throws SQLException {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException("retention must be " + MIN_DAYS + " to " + MAX_DAYS + " days");
        }
        int before = store.retentionDays();
        store.setRetentionDays(days);
        audit.record(actor, ip, "recording.retention", "days", Integer.toString(before), Integer.toString(days));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
