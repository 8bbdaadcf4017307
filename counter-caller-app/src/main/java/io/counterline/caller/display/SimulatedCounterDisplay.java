package io.counterline.caller.display;

import io.counterline.protocol.Health;
import java.util.function.Consumer;

/**
 * A display with no hardware: keeps the text a board would show and hands every change to a
 * listener (the caller's screen draws it). Texts are not cut to any width.
 */
public final class SimulatedCounterDisplay implements CounterDisplay {
    private final Health health;
    private volatile String text = "";
    private volatile Consumer<String> listener = t -> { };

    public SimulatedCounterDisplay() {
        this(Health.OK);
    }

    /**
     * @param health what {@link #health()} reports: a config error when this stands in for a
     *     display that could not be opened
     */
    public SimulatedCounterDisplay(Health health) {
        this.health = health;
    }

    /** {@code listener} gets each new text on the thread that showed it; a view must hand it to its own thread. */
    public void onChange(Consumer<String> listener) {
        this.listener = listener;
    }

    /** The text shown now; empty before the first show. */
    public String text() {
        return text;
    }

    @Override
    public void showCall(String number, String counterName) {
        show(DisplayTexts.call(number));
    }

    @Override
    public void showPaused() {
        show(DisplayTexts.PAUSED);
    }

    @Override
    public void showIdle(String text) {
        show(text);
    }

    @Override
    public Health health() {
        return health;
    }

    @Override
    public void close() {
    }

    private void show(String newText) {
        text = newText;
        listener.accept(newText);
    }
}
