package io.counterline.device;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a device app changes its model: a single named thread that runs actions one at a
 * time, in the order they were handed in, and tells listeners of each new model (the pattern of
 * the Pi4J JavaFX template: one model, one controller, views that only call actions).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #execute}, {@link #call} and {@link #after} may be called from any thread (a bus
 *       callback, a key thread, the JavaFX thread, the loop itself); actions run on the loop's
 *       thread in submission order, delayed ones when they are due.</li>
 *   <li>An action that throws is logged with the loop's name and the loop carries on with the
 *       next one; {@link #call}'s future fails with what was thrown.</li>
 *   <li>{@link #publish} (on the loop only) replaces the model and hands it to every listener, in
 *       the order they subscribed; a listener that throws is logged and the others still get it.
 *       Listeners run on the loop and must return at once (a JavaFX view hops with
 *       {@code Platform.runLater}).</li>
 *   <li>{@link #close} is idempotent: actions already handed in still run, delayed ones are
 *       dropped, the running one gets up to {@code closeWait} to finish (an outbox commit, a slip
 *       being printed) before the thread is interrupted. Actions handed in after close are dropped
 *       (logged at debug: a late bus callback during shutdown is normal).</li>
 * </ul>
 *
 * @param <M> the immutable model (snapshot) its listeners are told of
 */
public final class ModelLoop<M> implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelLoop.class);

    private final String name;
    private final Duration closeWait;
    private final ScheduledThreadPoolExecutor executor;
    private final List<Consumer<? super M>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread thread;
    private volatile M model;

    /**
     * Starts the thread {@code name} (a daemon: an app that forgets to close it still exits).
     *
     * @param initial   the model before the first {@link #publish}
     * @param closeWait how long {@link #close} lets queued and running actions finish
     */
    public ModelLoop(String name, M initial, Duration closeWait) {
        this.name = Objects.requireNonNull(name, "name");
        this.model = Objects.requireNonNull(initial, "initial");
        this.closeWait = Objects.requireNonNull(closeWait, "closeWait");
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        // Closing must not wait for a timer (an arm's expiry, a return to the start screen).
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        executor.prestartCoreThread();
    }

    public String name() {
        return name;
    }

    /** Runs {@code action} on the loop, after everything handed in before it. */
    @Override
    public void execute(Runnable action) {
        Objects.requireNonNull(action, "action");
        try {
            executor.execute(() -> runLogged(action));
        } catch (RejectedExecutionException e) {
            log.debug("{} closed; action dropped", name);
        }
    }

    /**
     * Runs {@code action} on the loop and completes with its result there; fails with what it
     * threw, or with {@link RejectedExecutionException} once the loop is closed.
     */
    public <T> CompletableFuture<T> call(Supplier<T> action) {
        Objects.requireNonNull(action, "action");
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(action.get());
                } catch (RuntimeException | Error e) {
                    log.error("{} action failed; the loop carries on", name, e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Runs {@code action} on the loop once, after {@code delay}; cancel it with the returned
     * future ({@code cancel(false)}). Dropped when the loop closes first.
     */
    public Future<?> after(Duration delay, Runnable action) {
        Objects.requireNonNull(action, "action");
        try {
            return executor.schedule(() -> runLogged(action), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("{} closed; delayed action dropped", name);
            CompletableFuture<Void> dropped = new CompletableFuture<>();
            dropped.cancel(false);
            return dropped;
        }
    }

    /** Whether the caller runs on the loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The latest published model; any thread. */
    public M model() {
        return model;
    }

    /**
     * Replaces the model and tells every listener, in subscription order; only on the loop.
     *
     * @throws IllegalStateException when called from another thread (a model changed beside its
     *                               loop is the bug this class exists to prevent)
     */
    public void publish(M next) {
        if (!inLoop()) {
            throw new IllegalStateException(name + ": publish called on " + Thread.currentThread().getName());
        }
        model = Objects.requireNonNull(next, "model");
        for (Consumer<? super M> listener : listeners) {
            tell(listener, next);
        }
    }

    /**
     * Adds {@code listener}; on the loop it gets the current model at once, then every later one.
     * Subscribing from any thread never misses nor repeats a model.
     */
    public void subscribe(Consumer<? super M> listener) {
        Objects.requireNonNull(listener, "listener");
        execute(() -> {
            listeners.add(listener);
            tell(listener, model);
        });
    }

    private void tell(Consumer<? super M> listener, M value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            log.error("{}: a listener failed; the others still get the model", name, e);
        }
    }

    private void runLogged(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            log.error("{} action failed; the loop carries on", name, e);
        }
    }

    /** Lets queued and running actions finish (up to {@code closeWait}), then stops; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.shutdown();
        if (inLoop()) {
            return; // closed by one of its own actions: the queue drains after it returns
        }
        try {
            if (!executor.awaitTermination(closeWait.toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("{} did not finish within {}; interrupting it", name, closeWait);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
