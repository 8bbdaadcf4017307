package io.counterline.caller.display;

import io.counterline.protocol.Health;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Draws {@link DisplayContent} on a {@link CounterDisplay} on its own thread,
 * {@code counter-display}, because a real board blocks for the time a frame takes on the wire.
 * Content equal to the last one asked for is not drawn again, so a repeated server state does
 * not rewrite the board. After every draw the display's health goes to {@code health}.
 */
public final class DisplayFeed implements AutoCloseable {
    private final CounterDisplay display;
    private final String counterName;
    private final String idleText;
    private final Consumer<Health> health;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "counter-display");
        t.setDaemon(true);
        return t;
    });
    private DisplayContent last; // guarded by this

    /**
     * @param counterName what a board that shows the counter too (MAX7219) shows beside the number
     * @param health      gets the display's health after every draw, on the display thread
     */
    public DisplayFeed(CounterDisplay display, String counterName, String idleText, Consumer<Health> health) {
        this.display = display;
        this.counterName = counterName;
        this.idleText = idleText;
        this.health = health;
    }

    /** Queues {@code content} for drawing unless it is what was asked for last; returns at once. */
    public synchronized void show(DisplayContent content) {
        if (content.equals(last)) {
            return;
        }
        last = content;
        try {
            worker.execute(() -> draw(content));
        } catch (RejectedExecutionException closed) {
            // Shutting down: the board keeps its last text.
        }
    }

    private void draw(DisplayContent content) {
        switch (content.kind()) {
            case CALL -> display.showCall(content.number(), counterName);
            case PAUSED -> display.showPaused();
            case IDLE -> display.showIdle(idleText);
        }
        health.accept(display.health());
    }

    /** Stops drawing; does not close the display, which its opener owns. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
