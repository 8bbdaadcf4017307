package io.counterline.hall.signage;

import io.counterline.hall.board.SignageShow;
import io.counterline.hall.board.Slide;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.SignageSchedule;
import io.counterline.protocol.SignageSchedule.Item;
import io.counterline.protocol.SignageSchedule.Playlist;
import io.counterline.protocol.SignageState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the approved media schedule of {@code state/signage} on the hall display, whether or not
 * the server is there:
 * <ul>
 * <li>each schedule received is written to {@code signage-schedule.json} in the device's data
 *     folder (atomically), and read back at start, so a display rebooted while the server is
 *     down plays the last approved schedule from its cache;</li>
 * <li>images and videos are fetched by checksum into the {@link MediaCache}; one not yet
 *     verified is left out until it is (retried at each tick, the wait doubling up to 5 minutes);</li>
 * <li>every {@code tick} (and after each download or new schedule) the playlist for now is chosen
 *     ({@link SchedulePlan}) and, when what is shown changes, handed to the board as a
 *     {@link SignageShow} (notices as ticker lines, images and videos as cache names with their
 *     time and volume) and reported as proof of play;</li>
 * <li>an emergency notice replaces everything: the board shows it over the whole screen, no
 *     media plays under it.</li>
 * </ul>
 * A state without a schedule (the branch file's lines and images) goes to the board unchanged.
 * All work runs on one thread, {@code hall-signage}; downloads never block the bus thread.
 */
public final class SignagePlayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SignagePlayer.class);
    static final String FILE = "signage-schedule.json";
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int DEFAULT_SLIDE = 8;

    private final Consumer<SignageShow> board;
    private final Consumer<Bodies.SignagePlayed> proof;
    private final MediaCache cache;
    private final Path file;
    private final String device;
    private final Clock clock;
    private final Duration tick;
    private final MessageCodec codec = new MessageCodec();
    private final ScheduledExecutorService worker;
    private final Map<String, Retry> retries = new HashMap<>();
    private SignageSchedule schedule;
    private SignageShow shown;

    private record Retry(Instant next, Duration backoff) {
    }

    /**
     * @param board   receives what to show (on the {@code hall-signage} thread)
     * @param proof   receives each change of what is shown (the node records it in the outbox)
     * @param dataDir the device's data folder, where the last schedule is kept
     */
    public SignagePlayer(Consumer<SignageShow> board, Consumer<Bodies.SignagePlayed> proof, MediaCache cache,
                         Path dataDir, String device, Clock clock, Duration tick) {
        this.board = board;
        this.proof = proof;
        this.cache = cache;
        this.file = dataDir.resolve(FILE);
        this.device = device;
        this.clock = clock;
        this.tick = tick;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hall-signage");
            t.setDaemon(true);
            return t;
        });
    }

    /** Plays the schedule kept from the last run (if any) and starts the tick; returns at once. */
    public SignagePlayer start() {
        submit(this::resume);
        worker.scheduleWithFixedDelay(() -> guarded(this::refresh), tick.toMillis(), tick.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** A {@code state/signage} from the server; handed to the worker at once. */
    public void accept(SignageState state) {
        submit(() -> receive(state));
    }

    private void resume() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            if (codec.decode(Files.readAllBytes(file), SignageSchedule.class) instanceof Decoded.Accepted<SignageSchedule> a) {
                schedule = a.message();
                log.info("signage: playing schedule revision {} kept from the last run", schedule.revision());
                prune(schedule);
                refresh();
            } else {
                log.warn("signage: {} unreadable; waiting for the server's schedule", file);
            }
        } catch (IOException e) {
            log.warn("signage: {} unreadable ({}); waiting for the server's schedule", file, e.getMessage());
        }
    }

    private void receive(SignageState state) {
        if (state.schedule() == null) {
            // The server has no approved schedule (any more): a reboot must not bring the old one back.
            schedule = null;
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("signage: {} not removed ({})", file, e.getMessage());
            }
            show(SignageShow.of(state), new Bodies.SignagePlayed(0, "branch-file", List.of(), state.lines().size(),
                    clock.instant()));
            return;
        }
        if (schedule == null || !schedule.equals(state.schedule())) {
            schedule = state.schedule();
            keep(schedule);
            log.info("signage: schedule revision {} received ({} playlists{})", schedule.revision(),
                    schedule.playlists().size(), schedule.emergency() == null ? "" : ", emergency notice");
            // What the new schedule no longer names goes first, so its downloads fit the cache's bound.
            prune(schedule);
            refresh();
            return;
        }
        refresh();
    }

    /** Only what the schedule names stays on disk (every playlist, active or not). */
    private void prune(SignageSchedule s) {
        cache.prune(s.playlists().stream().flatMap(p -> p.items().stream()).filter(Item::fetched).map(Item::sha256)
                .collect(java.util.stream.Collectors.toSet()));
    }

    private void keep(SignageSchedule s) {
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.write(tmp, codec.encode(s));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("signage: schedule not kept on disk ({}); it plays until the next restart", e.getMessage());
        }
    }

    /** Chooses what to show now, fetches what is missing, and shows it if it changed. */
    private void refresh() {
        SignageSchedule s = schedule;
        if (s == null) {
            return;
        }
        if (s.emergency() != null) {
            show(new SignageShow(List.of(), List.of(), Optional.of(s.emergency())),
                    new Bodies.SignagePlayed(s.revision(), "emergency", List.of(), 1, clock.instant()));
            return;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(s.zone());
        } catch (DateTimeException e) {
            zone = ZoneId.systemDefault();
        }
        Optional<Playlist> playlist = SchedulePlan.choose(s, device, clock.instant().atZone(zone));
        int slideSeconds = playlist.map(Playlist::slideSeconds).orElse(DEFAULT_SLIDE);
        List<String> lines = new ArrayList<>();
        List<Slide> slides = new ArrayList<>();
        List<String> shas = new ArrayList<>();
        for (Item item : playlist.map(Playlist::items).orElse(List.of())) {
            if (!item.fetched()) {
                lines.add(item.zh() + "    " + item.en());
            } else if (available(s, item)) {
                Duration time = Duration.ofSeconds(item.seconds() > 0 ? item.seconds() : slideSeconds);
                slides.add(new Slide(MediaCache.name(item.sha256()), item.type().equals("video"), time, item.volume()));
                shas.add(item.sha256());
            }
        }
        show(new SignageShow(lines, slides, Optional.empty()), new Bodies.SignagePlayed(s.revision(),
                playlist.map(Playlist::id).orElse("none"), shas, lines.size(), clock.instant()));
    }

    private boolean available(SignageSchedule s, Item item) {
        String sha = item.sha256();
        if (cache.ready(sha)) {
            return true;
        }
        Retry r = retries.get(sha);
        Instant now = clock.instant();
        if (r != null && now.isBefore(r.next())) {
            return false;
        }
        try {
            cache.fetch(s.mediaUrl(), sha, item.size());
            retries.remove(sha);
            log.info("signage: {} fetched and verified", sha);
            return true;
        } catch (IOException e) {
            Duration wait = r == null ? tick : min(r.backoff().multipliedBy(2), MAX_BACKOFF);
            retries.put(sha, new Retry(now.plus(wait), wait));
            log.warn("signage: {} not fetched ({}); again in {} ms, not shown meanwhile", sha, e.getMessage() == null
                    ? e.toString() : e.getMessage(), wait.toMillis());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void show(SignageShow state, Bodies.SignagePlayed played) {
        if (state.equals(shown)) {
            return;
        }
        shown = state;
        board.accept(state);
        try {
            proof.accept(played);
        } catch (RuntimeException e) {
            log.warn("signage: proof of play not recorded: {}", e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void submit(Runnable action) {
        try {
            worker.execute(() -> guarded(action));
        } catch (RejectedExecutionException e) {
            log.debug("signage player closed; {} ignored", action);
        }
    }

    private static void guarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("signage: step failed; the last content stays on screen", e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
