package io.counterline.caller.recording;

import io.counterline.protocol.Bodies.RecordingLive;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live listening, the device's end: while a {@code recording.live} on is in force, every 100 ms
 * block goes to the server over a WebSocket ({@code /recordings/live/in}) as one binary frame, 8
 * bytes big-endian capture time (epoch ms, strictly increasing) then the PCM. It stops by itself
 * when {@code ttlMs} pass on the monotonic clock without a renewal, or at once on off.
 *
 * <p>{@link #offer} runs on the capture thread and never blocks: a frame that finds the queue
 * full (a slow or dead server) is dropped; live audio late by seconds is worth nothing. Its own
 * thread ({@code recording-live}) connects and sends.
 */
public final class LiveSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveSender.class);
    /** One second of audio: more waiting means the server is not keeping up. */
    private static final int QUEUE_FRAMES = 10;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final RecordingServer server;
    private final LongSupplier nanos;
    private final BlockingQueue<ByteBuffer> frames = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final Thread thread;
    /** Monotonic time until which live is on; 0 = off. */
    private volatile long onUntil;
    private volatile boolean closed;
    // Confined to the capture thread:
    private long lastCapturedAt;
    // Confined to the live thread:
    private WebSocket socket;
    private long retryAt;

    /** @param server where to send; null when no server is configured (commands are then only logged) */
    public LiveSender(RecordingServer server, LongSupplier nanos) {
        this.server = server;
        this.nanos = nanos;
        this.thread = new Thread(this::run, "recording-live");
        this.thread.setDaemon(true);
    }

    public LiveSender start() {
        thread.start();
        return this;
    }

    /** A {@code recording.live} command; any thread. */
    public void command(RecordingLive live) {
        if (server == null) {
            log.warn("recording: live listening asked, but no recording.server-url is set");
            return;
        }
        onUntil = live.on() ? Math.max(1, nanos.getAsLong() + TimeUnit.MILLISECONDS.toNanos(live.ttlMs())) : 0;
        log.info("recording: live {} (ttl {} ms)", live.on() ? "on" : "off", live.ttlMs());
        if (!live.on()) {
            frames.clear();
        }
    }

    public boolean on() {
        long until = onUntil;
        return until != 0 && nanos.getAsLong() - until < 0;
    }

    /** One captured block; from the capture thread. */
    public void offer(long capturedAt, byte[] block) {
        if (!on()) {
            return;
        }
        long t = Math.max(capturedAt, lastCapturedAt + 1);
        lastCapturedAt = t;
        ByteBuffer frame = ByteBuffer.allocate(8 + block.length).putLong(t).put(block).flip();
        frames.offer(frame); // dropped when full: see the class comment
    }

    private void run() {
        while (!closed) {
            ByteBuffer frame;
            try {
                frame = frames.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (!on()) {
                disconnect("live off");
                frames.clear();
                continue;
            }
            if (frame == null || !connected()) {
                continue;
            }
            try {
                socket.sendBinary(frame, true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.info("recording: live frame not sent ({}); reconnecting", e.getMessage());
                socket.abort();
                socket = null;
            }
        }
        disconnect("closing");
    }

    private boolean connected() {
        if (socket != null && !socket.isOutputClosed()) {
            return true;
        }
        if (nanos.getAsLong() - retryAt < 0) {
            return false;
        }
        try {
            socket = server.client().newWebSocketBuilder().header("Authorization", server.authorization())
                    .connectTimeout(Duration.ofSeconds(3))
                    .buildAsync(server.liveIn(), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            log.info("recording: live socket closed by the server: {} {}", statusCode, reason);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            log.info("recording: live audio to {}", server.liveIn());
            return true;
        } catch (Exception e) {
            log.warn("recording: live socket to {} failed: {}", server.liveIn(), e.getMessage());
            socket = null;
            retryAt = nanos.getAsLong() + RETRY_AFTER.toNanos();
            return false;
        }
    }

    private void disconnect(String why) {
        if (socket != null) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, why).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                socket.abort();
            }
            socket = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
