package io.counterline.server.queue;

import io.counterline.server.store.Rows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wrong-PIN lockouts, per teller and per counter (docs/queue-policy.md, "Teller actions"): the
 * first {@value #FREE_FAILURES} wrong PINs in a row cost nothing; each further one locks the
 * subject for {@link #FIRST_LOCK}, doubling up to {@link #LONGEST_LOCK}. A right PIN clears
 * both. While locked no PIN is checked at all, so guessing costs the attacker time and the
 * server no hashing. Thread-safe: PINs are checked off the engine thread.
 */
final class PinThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofHours(1);

    private record State(int failures, Instant lockedUntil) {
    }

    private final Map<String, State> subjects = new HashMap<>();

    static String teller(String id) {
        return "teller:" + id;
    }

    static String counter(String id) {
        return "counter:" + id;
    }

    synchronized void restore(List<Rows.LockoutRow> rows) {
        subjects.clear();
        rows.forEach(r -> subjects.put(r.subject(), new State(r.failures(), r.lockedUntil())));
    }

    /** Until when the later of the subjects is locked, if one is locked at {@code now}. */
    synchronized Optional<Instant> lockedUntil(Instant now, String... keys) {
        Instant until = null;
        for (String key : keys) {
            State s = subjects.get(key);
            if (s != null && s.lockedUntil() != null && s.lockedUntil().isAfter(now)
                    && (until == null || s.lockedUntil().isAfter(until))) {
                until = s.lockedUntil();
            }
        }
        return Optional.ofNullable(until);
    }

    /** Counts a wrong PIN against each subject; returns their new rows, to store. */
    synchronized List<Rows.LockoutRow> failed(Instant now, String... keys) {
        List<Rows.LockoutRow> rows = new ArrayList<>(keys.length);
        for (String key : keys) {
            int failures = Optional.ofNullable(subjects.get(key)).map(State::failures).orElse(0) + 1;
            Instant until = failures > FREE_FAILURES ? now.plus(lockFor(failures - FREE_FAILURES)) : null;
            subjects.put(key, new State(failures, until));
            rows.add(new Rows.LockoutRow(key, failures, until));
        }
        return rows;
    }

    /** A right PIN: the subjects start again from nothing. Returns the rows that changed. */
    synchronized List<Rows.LockoutRow> succeeded(String... keys) {
        List<Rows.LockoutRow> rows = new ArrayList<>(keys.length);
        for (String key : keys) {
            if (subjects.remove(key) != null) {
                rows.add(new Rows.LockoutRow(key, 0, null));
            }
        }
        return rows;
    }

    /** The lock after the {@code n}-th failure beyond the free ones: 30 s, 60 s, 2 min, … at most an hour. */
    static Duration lockFor(int n) {
        int doublings = Math.min(n - 1, 20);
        Duration d = FIRST_LOCK.multipliedBy(1L << doublings);
        return d.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : d;
    }
}
