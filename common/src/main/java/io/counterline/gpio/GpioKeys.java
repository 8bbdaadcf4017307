package io.counterline.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of keys on GPIO inputs, debounced in our code and reported on one named thread.
 *
 * <p>Threading: Pi4J calls back on its own threads (gpiod: one event thread per line; mock:
 * whoever calls {@code mockState}). Those callbacks only stamp the new level with the clock and
 * queue it. The keys' own thread, named at construction, wakes every {@link #TICK}, reads the
 * clock, feeds the queued levels and the time to each key's {@link Debouncer}, and calls the
 * {@link Listener} — so the listener never runs on, nor holds up, a Pi4J thread. Tasks given to
 * {@link #run} and {@link #runAfter} run on that same thread, which lets a driver keep its LEDs
 * and its key state confined to one thread.
 *
 * @param <K> what the app calls a key, e.g. a rating level
 */
public final class GpioKeys<K> implements Closeable {
    /** How often held keys and pending levels are looked at; adds at most this to the debounce latency. */
    public static final Duration TICK = Duration.ofMillis(10);

    private static final Logger log = LoggerFactory.getLogger(GpioKeys.class);

    /** Receives debounced key events, on the keys' thread. */
    @FunctionalInterface
    public interface Listener<K> {
        void onKey(K key, KeyEvent event);
    }

    private record Level<K>(K key, boolean down, long at) {
    }

    private final Context gpio;
    private final String name;
    private final LongSupplier nanoClock;
    private final List<DigitalInput> inputs = new ArrayList<>();
    private final Map<K, Debouncer> debouncers = new HashMap<>();
    private final Queue<Level<K>> levels = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService thread;

    /**
     * Opens every pin as an input (Pi4J debounce off, see {@link Debouncer}) and starts the thread.
     *
     * @param name      the thread's name, also the prefix of the Pi4J IO ids
     * @param nanoClock monotonic nanoseconds, {@code System::nanoTime} outside tests
     * @throws com.pi4j.exception.Pi4JException if a line cannot be opened; lines already opened are released
     */
    public GpioKeys(Context gpio, String name, Map<K, InputPinSettings> pins, KeyTiming timing,
                    LongSupplier nanoClock, Listener<K> listener) {
        this.gpio = gpio;
        this.name = name;
        this.nanoClock = nanoClock;
        try {
            pins.forEach((key, pin) -> open(key, pin, timing, listener));
        } catch (RuntimeException e) {
            releaseInputs();
            throw e;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, name));
        // Closing must not wait for a pending LED effect.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
        thread.scheduleWithFixedDelay(() -> guarded(this::tick), TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void open(K key, InputPinSettings pin, KeyTiming timing, Listener<K> listener) {
        DigitalInput input = gpio.create(DigitalInput.newConfigBuilder(gpio)
                .id(name + "-bcm" + pin.bcm())
                .address(pin.bcm())
                .pull(pin.pull().pi4j())
                // Pi4J's debounce: the mock ignores it and gpiod's only delays the events.
                .debounce(0L));
        inputs.add(input);
        // Listen before reading the level, so that no change falls in between; a change seen
        // twice is harmless.
        input.addListener(e -> levels.add(new Level<>(key, pin.active().isActive(e.state()), nanoClock.getAsLong())));
        boolean down = pin.active().isActive(input.state());
        debouncers.put(key, new Debouncer(timing, down, nanoClock.getAsLong(), event -> deliver(listener, key, event)));
    }

    private void deliver(Listener<K> listener, K key, KeyEvent event) {
        try {
            listener.onKey(key, event);
        } catch (RuntimeException e) {
            log.error("{}: listener failed on {} {}", name, key, event, e);
        }
    }

    private void tick() {
        // Read the clock before draining: every level stamped up to now is already queued,
        // so time never overtakes an edge that happened before it.
        long now = nanoClock.getAsLong();
        for (Level<K> level; (level = levels.poll()) != null; ) {
            debouncers.get(level.key()).level(level.down(), level.at());
        }
        debouncers.values().forEach(d -> d.poll(now));
    }

    /**
     * Runs {@code task} on the keys' thread, after what is queued; a failure is logged. After
     * {@link #close} the task is dropped.
     */
    public void run(Runnable task) {
        try {
            thread.execute(() -> guarded(task));
        } catch (RejectedExecutionException closed) {
            log.debug("{}: closed, task dropped", name);
        }
    }

    /**
     * Runs {@code task} on the keys' thread after {@code delay} (real time, not the injected
     * clock: this is for LED effects); a failure is logged.
     */
    public ScheduledFuture<?> runAfter(Duration delay, Runnable task) {
        return thread.schedule(() -> guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("{}: task failed", name, e);
        }
    }

    /** Stops the thread (waiting briefly for a running task) and releases the lines; never throws. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        releaseInputs();
    }

    private void releaseInputs() {
        for (DigitalInput input : inputs) {
            try {
                gpio.shutdown(input.id());
            } catch (RuntimeException e) {
                log.warn("{}: could not release {}: {}", name, input.id(), e.toString());
            }
        }
        inputs.clear();
    }
}
