package io.counterline.caller.button;

import io.counterline.protocol.Health;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * A call button without hardware, for the demo: on-screen buttons call {@link #press} and
 * {@link #longPress}; the screen shows {@link #isLit()}. Listener calls happen on one thread named
 * {@code sim-call-button}, like the real button's.
 */
public final class SimulatedCallButton implements CallButton {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "sim-call-button"));
    private volatile CallButtonListener listener;
    private volatile boolean lit;

    /** A short press: calls next. */
    public void press() {
        onThread(() -> {
            CallButtonListener current = listener;
            if (current != null) {
                current.callNext();
            }
        });
    }

    /** A long press: recalls. */
    public void longPress() {
        onThread(() -> {
            CallButtonListener current = listener;
            if (current != null) {
                current.recall();
            }
        });
    }

    public boolean isLit() {
        return lit;
    }

    @Override
    public void setListener(CallButtonListener listener) {
        this.listener = listener;
    }

    @Override
    public void setLit(boolean lit) {
        this.lit = lit;
    }

    private void onThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closed) {
            // Closed: like a button that has been unplugged.
        }
    }

    @Override
    public Health health() {
        return Health.OK;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
