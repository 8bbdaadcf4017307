package io.counterline.console.auth;

import io.counterline.config.PinHash;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 at {@value #ITERATIONS} iterations (the same encoded
 * form as {@link PinHash}, more iterations): about a quarter of a second per check here, so it
 * runs on its own two threads and never on Jetty's request threads or the engine's.
 */
public final class Passwords implements AutoCloseable {
    /** OWASP's figure for PBKDF2-HMAC-SHA256 (2023). */
    public static final int ITERATIONS = 600_000;
    public static final int MIN_LENGTH = 10;

    private final ExecutorService kdf;

    public Passwords() {
        AtomicInteger n = new AtomicInteger();
        this.kdf = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "console-kdf-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Hashes on the KDF threads. */
    public CompletableFuture<String> hash(String password) {
        return CompletableFuture.supplyAsync(() -> PinHash.hash(password, ITERATIONS), kdf);
    }

    /** Hashes a teller's PIN (the branch file's form and iterations) on the KDF threads. */
    public CompletableFuture<String> hashPin(String pin) {
        return CompletableFuture.supplyAsync(() -> PinHash.hash(pin), kdf);
    }

    /** Whether {@code password} matches {@code encoded}, checked on the KDF threads. */
    public CompletableFuture<Boolean> verify(String encoded, String password) {
        return CompletableFuture.supplyAsync(() -> PinHash.parse(encoded).matches(password), kdf);
    }

    /** Null when acceptable, else why not (for the form and the command line). */
    public static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "a password has at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > 200) {
            return "a password has at most 200 characters";
        }
        return null;
    }

    @Override
    public void close() {
        kdf.shutdownNow();
    }
}
