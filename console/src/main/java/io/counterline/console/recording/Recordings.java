package io.counterline.console.recording;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.User;
import io.counterline.console.report.RatingFact;
import io.counterline.console.web.ConsoleRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counter recording as the console starts it (docs/recording.md): the store, the segment uploads,
 * the encoder's worker, retention, live listening and the pages. Files live in {@code recordings/}
 * beside {@code console.db}.
 */
public final class Recordings implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Recordings.class);
    /** How long nothing must come for a recording without a closing segment before it is closed. */
    static final Duration QUIET = Duration.ofMinutes(2);

    private final RecordingStore store;
    private final SegmentUploads uploads;
    private final EncodeWorker worker;
    private final Retention retention;
    private final LiveHub live;
    private final RecordingRoutes routes;
    private final Clock clock;
    private final BiPredicate<String, String> ticketAtCounter;
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recording-closer");
        t.setDaemon(true);
        return t;
    });

    private Recordings(RecordingStore store, SegmentUploads uploads, EncodeWorker worker, Retention retention,
                       LiveHub live, RecordingRoutes routes, Clock clock, BiPredicate<String, String> ticketAtCounter) {
        this.ticketAtCounter = ticketAtCounter;
        this.store = store;
        this.uploads = uploads;
        this.worker = worker;
        this.retention = retention;
        this.live = live;
        this.routes = routes;
        this.clock = clock;
    }

    /**
     * @param consoleDb        {@code console.db}, already migrated by the console store
     * @param orderTicket      the ticket of a work order the user may see (empty when it has none),
     *                         throwing when the user may not see it
     * @param ticketAtCounter  whether a ticket (id) is still called or served at a counter (id): a
     *                         recording without a closing segment is closed once it is not
     */
    public static Recordings start(Path consoleDb, AuditLog audit, RecordingHost host, Supplier<BranchDirectory> directory,
                                   BiFunction<User, Long, Optional<String>> orderTicket,
                                   BiPredicate<String, String> ticketAtCounter, Clock clock)
            throws SQLException {
        Path root = consoleDb.toAbsolutePath().getParent().resolve("recordings");
        RecordingStore store = RecordingStore.open(consoleDb);
        LiveHub live = new LiveHub(host);
        try {
            Files.createDirectories(root);
            EncodeWorker[] worker = new EncodeWorker[1];
            SegmentUploads uploads = new SegmentUploads(store, root, clock, segment -> ready(store, worker[0], segment, clock));
            worker[0] = new EncodeWorker(store, uploads, new OpusEncoder(), root, clock);
            Retention retention = new Retention(store, uploads, root, audit, directory.get().zone(), clock);
            RecordingRoutes routes = new RecordingRoutes(store, uploads, retention, live, host, audit, directory,
                    orderTicket, root, clock);
            Recordings r = new Recordings(store, uploads, worker[0], retention, live, routes, clock, ticketAtCounter);
            worker[0].start();
            retention.start();
            r.closer.scheduleWithFixedDelay(r::closeFinished, 1, 1, TimeUnit.MINUTES);
            return r;
        } catch (IOException | RuntimeException e) {
            live.close();
            store.close();
            throw new SQLException("recordings: " + e.getMessage(), e);
        }
    }

    private static void ready(RecordingStore store, EncodeWorker worker, String segmentId, Clock clock) {
        try {
            store.readyIfComplete(segmentId, clock.instant()).ifPresent(id -> worker.poke());
        } catch (SQLException e) {
            log.warn("recording: segment {} stored, its recording not checked (the worker looks again): {}", segmentId,
                    e.getMessage());
        }
    }

    /**
     * A {@code recording.segment} event the engine has committed, from a counter caller whose
     * configured counter is {@code deviceCounter}.
     *
     * @return empty when taken, else why it was refused (it changes nothing)
     */
    public Optional<String> announced(Segment s, String deviceCounter) {
        if (!s.counterId().equals(deviceCounter)) {
            return Optional.of(s.device() + " is the caller of counter " + deviceCounter + ", not of " + s.counterId());
        }
        try {
            Optional<String> refused = store.announce(s, clock.instant());
            if (refused.isEmpty()) {
                ready(store, worker, s.segmentId(), clock);
            }
            return refused;
        } catch (SQLException e) {
            return Optional.of("not stored: " + e.getMessage());
        }
    }

    /**
     * Closes the recordings that have no closing segment (the caller paused at its disk quota and
     * its transaction ended meanwhile) once their ticket has left the counter and nothing came for
     * {@link #QUIET}: the segments that came become the recording.
     */
    void closeFinished() {
        try {
            for (RecordingStore.Unclosed u : store.unclosed(clock.instant().minus(QUIET))) {
                if (!ticketAtCounter.test(u.ticket(), u.counter())) {
                    Optional<String> last = store.closeAt(u.recordingId(), u.lastIndex());
                    log.info("recording {} of ticket {}: closed at segment {} (no closing segment came; the ticket has"
                            + " left the counter)", u.recordingId(), u.ticket(), u.lastIndex());
                    last.ifPresent(s -> ready(store, worker, s, clock));
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("recording: unclosed recordings not checked (again in a minute): {}", e.getMessage());
        }
    }

    /** A committed rating: its recordings can be found by rating level. */
    public void rated(RatingFact f) {
        try {
            store.rated(f.ticket(), f.level().wire());
        } catch (SQLException e) {
            log.warn("recording: rating of ticket {} not indexed: {}", f.ticket(), e.getMessage());
        }
    }

    public RecordingStore store() {
        return store;
    }

    public Retention retention() {
        return retention;
    }

    public LiveHub live() {
        return live;
    }

    public SegmentUploads uploads() {
        return uploads;
    }

    /** The pages and the devices' upload and live paths, for the console's server. */
    public ConsoleRoutes routes() {
        return routes;
    }

    @Override
    public void close() {
        closer.shutdownNow();
        retention.close();
        worker.close();
        live.close();
        store.close();
    }
}
