package io.counterline.console.recording;

import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live listening: a counter caller sends 100 ms frames (8-byte big-endian capture time in epoch ms,
 * then PCM s16le 16 kHz stereo) over its WebSocket; they go at once to the browsers listening to
 * that counter, nothing is buffered or stored. While at least one browser listens, the caller is
 * told {@code recording.live on} with a time to live, renewed at half of it; when the last one
 * leaves it is told off (and stops by itself after the ttl if that is lost).
 */
public final class LiveHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
    /** The ttl the caller is given; renewed every half of it. */
    public static final long TTL_MS = 10_000;
    /** 100 ms of s16le 16 kHz stereo is 6,400 bytes; anything much larger is not a frame. */
    public static final int MAX_FRAME = 8 + 64 * 1024;
    /** Listeners per counter (a browser that cannot keep up only hurts itself, but memory is bounded). */
    static final int MAX_LISTENERS = 16;

    private final RecordingHost host;
    private final Map<String, Set<WsContext>> listeners = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> renewals = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recording-live");
        t.setDaemon(true);
        return t;
    });

    public LiveHub(RecordingHost host) {
        this.host = host;
    }

    /** @return false when the counter already has {@link #MAX_LISTENERS} */
    public synchronized boolean listen(String counter, WsContext browser) {
        Set<WsContext> set = listeners.computeIfAbsent(counter, c -> ConcurrentHashMap.newKeySet());
        if (set.size() >= MAX_LISTENERS) {
            return false;
        }
        set.add(browser);
        if (set.size() == 1) {
            renewals.put(counter, timer.scheduleAtFixedRate(() -> tell(counter, true), 0, TTL_MS / 2,
                    TimeUnit.MILLISECONDS));
        }
        return true;
    }

    public synchronized void leave(String counter, WsContext browser) {
        Set<WsContext> set = listeners.get(counter);
        if (set == null || !set.remove(browser) || !set.isEmpty()) {
            return;
        }
        listeners.remove(counter);
        ScheduledFuture<?> r = renewals.remove(counter);
        if (r != null) {
            r.cancel(false);
        }
        timer.execute(() -> tell(counter, false));
    }

    public int listeners(String counter) {
        Set<WsContext> set = listeners.get(counter);
        return set == null ? 0 : set.size();
    }

    /** A frame from the caller of {@code counter}; a malformed one is dropped with a reason. */
    public void frame(String counter, ByteBuffer data) {
        int n = data.remaining();
        if (n < 8 + 4 || n > MAX_FRAME || (n - 8) % 4 != 0) {
            log.debug("live: frame of {} bytes from counter {} dropped: not 8 + whole stereo samples", n, counter);
            return;
        }
        Set<WsContext> set = listeners.get(counter);
        if (set == null) {
            return;
        }
        for (WsContext browser : set) {
            try {
                browser.send(data.duplicate());
            } catch (RuntimeException e) {
                log.debug("live: a listener of counter {} is gone: {}", counter, e.getMessage());
            }
        }
    }

    private void tell(String counter, boolean on) {
        try {
            host.live(counter, on, TTL_MS);
        } catch (RuntimeException e) {
            log.warn("live: recording.live {} not sent to counter {}: {}", on ? "on" : "off", counter, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
