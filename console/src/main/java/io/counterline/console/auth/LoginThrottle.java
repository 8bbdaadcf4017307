package io.counterline.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing per account and per address: after {@value #FREE_FAILURES} failures in a
 * row, each further attempt must wait 2^(failures - {@value #FREE_FAILURES}) seconds (capped at
 * 15 minutes) after the last failure; an attempt that comes sooner is refused without checking
 * the password. A success clears the account's count (not the address's: one address guessing
 * many accounts stays slowed). Kept in memory: a restart forgets it, which costs an attacker a
 * restart of the server they cannot cause.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 3;
    private static final Duration CAP = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 100_000;

    /** Failures of one account or address, for the admin's page. */
    public record Entry(String key, int failures, Instant lastFailure, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
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
                    .forEach(e -> entries.remove(e.key()));
        }
        bump("account:" + login);
        bump("address:" + ip);
    }

    public void succeeded(String login) {
        entries.remove("account:" + login);
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
