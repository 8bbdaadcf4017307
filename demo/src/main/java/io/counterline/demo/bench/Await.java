package io.counterline.demo.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits on futures: a benchmark step that hangs fails, naming what it waited for. */
final class Await {
    static final long SECONDS = 30;

    private Await() {
    }

    static <T> T get(CompletableFuture<T> future, String what) throws BenchException {
        return get(future, what, Duration.ofSeconds(SECONDS));
    }

    static <T> T get(CompletableFuture<T> future, String what, Duration limit) throws BenchException {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BenchException("no " + what + " within " + limit.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new BenchException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted waiting for " + what, e);
        }
    }
}
