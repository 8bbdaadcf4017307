package io.counterline.hall;

import io.counterline.audio.Announcer;
import io.counterline.audio.Announcers;
import io.counterline.device.DeviceRuntime;
import io.counterline.outbox.OutboxException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hall display's composition root without a screen: the announcer, the device runtime and
 * the {@link HallNode}, started from a {@link HallConfig} and closed once, in reverse order.
 */
final class HallDevice implements AutoCloseable {
    private final Announcer announcer;
    private final DeviceRuntime runtime;
    private final HallNode node;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HallDevice(Announcer announcer, DeviceRuntime runtime, HallNode node) {
        this.announcer = announcer;
        this.runtime = runtime;
        this.node = node;
    }

    static HallDevice start(HallConfig config) throws OutboxException {
        // Announcers.open logs which speaker it is (espeak-ng, WAV clips or simulated) and
        // never throws: a driver that cannot start is a simulated one with a config error.
        Announcers.Opened voice = Announcers.open(config.announcer());
        DeviceRuntime runtime;
        try {
            runtime = DeviceRuntime.start(config.device(), Clock.systemUTC());
        } catch (OutboxException | RuntimeException e) {
            voice.announcer().close();
            throw e;
        }
        runtime.health().report("announcer", voice.health());
        return new HallDevice(voice.announcer(), runtime, HallNode.start(config.hall(), runtime, voice.announcer()));
    }

    HallNode node() {
        return node;
    }

    /** {@code device.restart} runs {@code restart} (the app's {@code Shutdown::restart}). */
    void onRestart(Runnable restart) {
        runtime.onRestart(restart);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            node.close();
            runtime.close();
            announcer.close();
        }
    }
}
