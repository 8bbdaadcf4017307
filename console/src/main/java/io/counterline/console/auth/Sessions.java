package io.counterline.console.auth;

import io.counterline.console.store.ConsoleStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signed-in sessions: a random 256-bit token in an HttpOnly cookie, kept in the console store only
 * as its SHA-256, with a CSRF token for the session's forms. A session ends after
 * {@link #IDLE} without a request or {@link #ABSOLUTE} after sign-in; signing in always starts a
 * new one (the old token, if any, is removed), so a token planted before sign-in is worthless.
 */
public final class Sessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A live session. */
    public record Current(User user, String csrf, String tokenHash) {
    }

    /** A session just started: the cookie's token and the forms' CSRF token. */
    public record Started(String token, String csrf) {
    }

    private final ConsoleStore store;
    private final Clock clock;

    public Sessions(ConsoleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Started start(User user, String ip, Optional<String> oldToken) throws SQLException {
        if (oldToken.isPresent()) {
            store.removeSession(hash(oldToken.get()));
        }
        String token = randomToken();
        String csrf = randomToken();
        store.addSession(hash(token), user.id(), csrf, ip, clock.instant());
        return new Started(token, csrf);
    }

    public Optional<Current> find(String token) throws SQLException {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        String h = hash(token);
        Optional<ConsoleStore.Session> s = store.session(h);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (s.get().seenAt().plus(IDLE).isBefore(now) || s.get().createdAt().plus(ABSOLUTE).isBefore(now)) {
            store.removeSession(h);
            return Optional.empty();
        }
        Optional<User> user = store.user(s.get().userId());
        if (user.isEmpty() || user.get().disabled()) {
            store.removeSession(h);
            return Optional.empty();
        }
        if (Duration.between(s.get().seenAt(), now).toSeconds() >= 60) {
            store.touchSession(h, now); // a write a minute per user, not one per request
        }
        return Optional.of(new Current(user.get(), s.get().csrf(), h));
    }

    public void end(String tokenHash) throws SQLException {
        store.removeSession(tokenHash);
    }

    public void removeExpired() throws SQLException {
        store.removeSessionsBefore(clock.instant().minus(IDLE));
    }

    public static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Constant-time comparison of two tokens (CSRF, pre-login). */
    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
