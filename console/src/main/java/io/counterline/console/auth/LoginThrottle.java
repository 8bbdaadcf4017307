package io.counterline.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows password guessing per account and per address: after {@value #FREE_FAILURES} failures in a
 * row, each further attempt must wait 2^(failures - {@value #FREE_FAILURES}) seconds (capped at
 * 15 minutes) after the last failure; an attempt that comes sooner is refused without checking
 * the password. A success clears the account's count (not the address's: one address guessing
 * many accounts stays slowed). Answered from memory; with a {@link Keeper} every change is also
 * written to {@code console.db} on a writer thread of its own (never the request's nor the
 * password checker's), and read back at start, so a restart does not reset the counts.
 */
public final class LoginThrottle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    public static final int FREE_FAILURES = 3;
    private static final Duration CAP = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 100_000;

    /** Failures of one account or address, for the admin's page. */
    public record Entry(String key, int failures, Instant lastFailure, Instant until) {
    }

    /** Where the entries are kept across restarts. Called on the throttle's writer thread only (and once at start). */
    public interface Keeper {
        List<Entry> load() throws Exception;

        /** Writes {@code entries} (replacing those of the same key) and removes {@code removed}, at once. */
        void save(List<Entry> entries, List<String> removed) throws Exception;
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Keeper keeper;
    /** Keys changed since the writer last wrote; bounded by the keys themselves. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean writeQueued = new AtomicBoolean();
    private final ExecutorService writer;

    /** Kept in memory only (tests, and a console without a store). */
    public LoginThrottle(Clock clock) {
        this.clock = clock;
        this.keeper = null;
        this.writer = null;
    }

    /** Kept in memory and in {@code keeper}, starting from what it holds. */
    public LoginThrottle(Clock clock, Keeper keeper) throws Exception {
        this.clock = clock;
        this.keeper = keeper;
        for (Entry e : keeper.load()) {
            entries.put(e.key(), e);
        }
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "console-throttle-store");
            t.setDaemon(true);
            return t;
        });
    }

    /** How long the caller must still wait before an attempt for this account from this address. */
    public Duration wait(String login, String ip) {
        Instant now = clock.instant();
        Instant until = later(untilOf("account:" + login), untilOf("address:" + ip));
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    public void failed(String login, String ip) {
        if (entries.size() > MAX_KEYS) {
            // Bounded memory under a flood of made-up names: forget the oldest half.
            entries.values().stream().sorted(Comparator.comparing(Entry::lastFailure)).limit(MAX_KEYS / 2)
                    .forEach(e -> {
                        entries.remove(e.key());
                        changed(e.key());
                    });
        }
        bump("account:" + login);
        bump("address:" + ip);
    }

    public void succeeded(String login) {
        if (entries.remove("account:" + login) != null) {
            changed("account:" + login);
        }
    }

    /** Accounts and addresses with failures, most recent first. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparing(Entry::lastFailure).reversed());
        return list;
    }

    private void bump(String key) {
        Instant now = clock.instant();
        entries.compute(key, (k, e) -> {
            int failures = e == null ? 1 : e.failures() + 1;
            return new Entry(k, failures, now, now.plus(delay(failures)));
        });
        changed(key);
    }

    /** Has the writer thread write this key's entry as it is then (or remove it). */
    private void changed(String key) {
        if (writer == null) {
            return;
        }
        dirty.add(key);
        if (writeQueued.compareAndSet(false, true)) {
            try {
                writer.execute(this::write);
            } catch (RejectedExecutionException e) {
                log.warn("login throttling: closed, a change was not written");
            }
        }
    }

    private void write() {
        writeQueued.set(false);
        List<Entry> put = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Iterator<String> i = dirty.iterator(); i.hasNext(); ) {
            String key = i.next();
            i.remove();
            Entry e = entries.get(key);
            if (e == null) {
                removed.add(key);
            } else {
                put.add(e);
            }
        }
        if (put.isEmpty() && removed.isEmpty()) {
            return;
        }
        try {
            keeper.save(put, removed);
        } catch (Exception e) {
            // Memory still throttles; the next change of these keys writes them again.
            log.warn("login throttling not written to console.db: {}", e.toString());
        }
    }

    /** Writes what is still to be written, then stops the writer. */
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        writer.execute(this::write);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("login throttling: the last changes were not written in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration delay(int failures) {
        if (failures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int exponent = Math.min(failures - FREE_FAILURES, 20);
        Duration d = Duration.ofSeconds(1L << exponent);
        return d.compareTo(CAP) > 0 ? CAP : d;
    }

    private Instant untilOf(String key) {
        Entry e = entries.get(key);
        return e == null ? Instant.EPOCH : e.until();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
