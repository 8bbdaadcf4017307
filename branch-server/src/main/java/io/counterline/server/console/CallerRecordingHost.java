package io.counterline.server.console;

import io.counterline.console.recording.RecordingHost;
import io.counterline.console.recording.Segment;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.MessageCodec;
import io.counterline.server.broker.Credentials;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.queue.Outbound;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch's side of counter recording: counter callers are the branch file's devices with
 * role {@code counter-caller}, authenticated with the same secrets as on the broker; the
 * {@code recording.live} command goes out through the engine's outbound (MQTT); a committed
 * {@code recording.segment} event becomes a {@link Segment} for the console.
 */
final class CallerRecordingHost implements RecordingHost {
    private static final Logger log = LoggerFactory.getLogger(CallerRecordingHost.class);

    private final BranchConfig config;
    private final Credentials credentials;
    private final Clock clock;
    /** The file's callers until the console is up, then also those of counters added in it. */
    private volatile CounterCallers callers;
    private volatile Credentials.Added added = Credentials.Added.NONE;
    private final MessageCodec codec = new MessageCodec();
    private volatile Outbound outbound;

    CallerRecordingHost(BranchConfig config, Clock clock) {
        this.config = config;
        this.credentials = new Credentials(config.secrets(), (user, password) -> added.check(user, password));
        this.clock = clock;
        this.callers = new CounterCallers(config, Map::of);
    }

    /** Once the console is up: the callers of counters added in it, and their secrets. */
    void addedInTheConsole(CounterCallers all, Credentials.Added secrets) {
        this.callers = all;
        this.added = secrets;
    }

    /** Set once the engine's outbound exists (the console starts before the engine). */
    void sendThrough(Outbound out) {
        this.outbound = out;
    }

    /** The counter of a counter caller (of the branch file, or added in the console). */
    Optional<String> counterOfCaller(String device) {
        return callers.counterOf(device);
    }

    @Override
    public Optional<String> callerCounter(String device, String secret) {
        Optional<String> counter = counterOfCaller(device);
        // Checked even for an unknown device, so that timing does not tell which ids exist.
        boolean ok = credentials.check(device, secret.getBytes(StandardCharsets.UTF_8));
        return ok ? counter : Optional.empty();
    }

    @Override
    public void live(String counter, boolean on, long ttlMs) {
        Outbound out = outbound;
        if (out == null) {
            return;
        }
        callers.at(counter).forEach(caller -> out.command(new Command(MessageCodec.VERSION,
                UUID.randomUUID().toString(), caller, CommandType.RECORDING_LIVE, clock.instant(),
                codec.toBody(new Bodies.RecordingLive(on, ttlMs))), false));
    }

    /** The segment an event announces, or empty (logged) when it is not a counter caller's valid one. */
    Optional<Segment> segment(EventEnvelope e) {
        if (counterOfCaller(e.device()).isEmpty()) {
            return Optional.empty();
        }
        if (!(codec.decodeBody(e.body(), Bodies.RecordingSegment.class)
                instanceof io.counterline.protocol.Decoded.Accepted<Bodies.RecordingSegment> a)) {
            log.warn("recording: event {} of {} has a bad body; ignored", e.id(), e.device());
            return Optional.empty();
        }
        Bodies.RecordingSegment b = a.message();
        try {
            return Optional.of(new Segment(e.device(), b.recordingId(), b.segmentId(), b.index(), b.last(), b.ticketId(),
                    b.counterId(), b.tellerId(), Instant.ofEpochMilli(b.startedAt()), b.durationMs(), b.bytes(),
                    b.sha256()));
        } catch (IllegalArgumentException bad) {
            log.warn("recording: event {} of {} refused: {}", e.id(), e.device(), bad.getMessage());
            return Optional.empty();
        }
    }
}
