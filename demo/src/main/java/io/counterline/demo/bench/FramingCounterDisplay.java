package io.counterline.demo.bench;

import io.counterline.caller.display.CounterDisplay;
import io.counterline.caller.display.LedFrame;
import io.counterline.protocol.Health;
import java.util.function.BiConsumer;

/**
 * A counter display whose wire is memory: each show is framed exactly as the serial LED board
 * gets it ({@link LedFrame}, default format, address 1) and the frame's {@link System#nanoTime()}
 * and called number go to a listener, on the display thread. The real {@code SerialCounterDisplay}
 * opens a port by path, so it cannot write to memory; this keeps its framing and drops the port.
 */
final class FramingCounterDisplay implements CounterDisplay {
    private final BiConsumer<String, Long> written;

    /** @param written gets (number called, nanoTime when its frame was written) */
    FramingCounterDisplay(BiConsumer<String, Long> written) {
        this.written = written;
    }

    @Override
    public void showCall(String number, String counterName) {
        byte[] frame = new LedFrame(1, "请" + number + "号").encode(LedFrame.Format.DEFAULT);
        if (frame.length > 0) {
            written.accept(number, System.nanoTime());
        }
    }

    @Override
    public void showPaused() {
        new LedFrame(1, "暂停服务").encode(LedFrame.Format.DEFAULT);
    }

    @Override
    public void showIdle(String text) {
        new LedFrame(1, text).encode(LedFrame.Format.DEFAULT);
    }

    @Override
    public Health health() {
        return Health.OK;
    }

    @Override
    public void close() {
    }
}
