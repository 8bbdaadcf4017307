package io.counterline.caller.recording;

import io.counterline.audio.Announcement;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies.RecordingLive;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Health;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intercom recording on a counter caller, wired: the recorder follows the counter's transaction
 * (a ticket called or being served here; it ends when the ticket leaves: complete, no-show,
 * transfer, or the next call), the uploader hands segments over, the live sender answers
 * {@code recording.live}. Health part {@code recording} (capture, quota) and
 * {@code recording-upload}.
 *
 * <p>Segments wait in {@code <device.data-dir>/recordings}.
 */
public final class CallerRecording implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallerRecording.class);
    /** What the spoken start notice says (clip announcers play its chime only). */
    static final Announcement SPOKEN_NOTICE = new Announcement("本次服务将被录音", List.of(), true);
    static final Announcement TONE_NOTICE = new Announcement("", List.of(), true);

    /** The counter as the recorder needs it: a transaction, and where to show that it records. */
    public interface Counter {
        /** Calls {@code listener} with the counter's status, ticket id and teller id at every change. */
        void follow(TransactionListener listener);

        /** The teller screen shows whether recording is on. */
        void showRecording(boolean on);
    }

    public interface TransactionListener {
        void counter(CounterStatus status, String ticketId, String tellerId);
    }

    private final IntercomRecorder recorder;
    private final SegmentUploader uploader;
    private final LiveSender live;

    private CallerRecording(IntercomRecorder recorder, SegmentUploader uploader, LiveSender live) {
        this.recorder = recorder;
        this.uploader = uploader;
        this.live = live;
    }

    /**
     * Starts recording for {@code counter}: closes what a crash left open, then captures.
     *
     * @param say plays an announcement on the caller's speaker (in order with the calls)
     */
    public static CallerRecording start(RecordingSettings settings, String counterId, DeviceRuntime runtime,
                                        AudioCapture capture, Counter counter, Consumer<Announcement> say)
            throws IOException {
        Path dir = runtime.settings().dataDir().resolve("recordings");
        SegmentSpool spool = SegmentSpool.open(dir);
        List<SegmentSpool.Stored> recovered = spool.recover();
        if (!recovered.isEmpty()) {
            log.warn("recording: {} segment(s) left open by a crash were closed and will be announced", recovered.size());
        }
        Optional<RecordingServer> server = settings.serverUrl().map(u -> RecordingServer.of(u, runtime.settings().bus()));
        SegmentUploader uploader = new SegmentUploader(settings, spool, server, SegmentUploader.Events.in(
                runtime.outbox(), body -> runtime.record(EventType.RECORDING_SEGMENT, body)),
                h -> runtime.health().report("recording-upload", h));
        LiveSender live = new LiveSender(server.orElse(null), System::nanoTime);
        runtime.health().report("recording", Health.OK);
        IntercomRecorder recorder = new IntercomRecorder(settings, capture, spool,
                () -> runtime.clockOffset().serverClock().millis(), counterId, new IntercomRecorder.Listener() {
                    @Override
                    public void closed(SegmentSpool.Stored segment) {
                        uploader.wake();
                    }

                    @Override
                    public void recording(boolean on) {
                        counter.showRecording(on);
                    }

                    @Override
                    public void health(Health health) {
                        runtime.health().report("recording", health);
                    }

                    @Override
                    public void started() {
                        switch (settings.startNotice()) {
                            case SPOKEN -> say.accept(SPOKEN_NOTICE);
                            case TONE -> say.accept(TONE_NOTICE);
                            case OFF -> {
                            }
                        }
                    }
                }, live);
        CallerRecording recording = new CallerRecording(recorder, uploader, live);
        uploader.start();
        live.start();
        recorder.start();
        counter.follow((status, ticket, teller) -> recorder.transaction(
                (status == CounterStatus.CALLING || status == CounterStatus.SERVING) ? ticket : null, teller));
        runtime.onCommand(c -> {
            if (c.type() == CommandType.RECORDING_LIVE) {
                runtime.codec().decodeBody(c.body(), RecordingLive.class).ifAccepted(live::command,
                        r -> log.warn("bad recording.live {}: {}", c.id(), r));
            }
        });
        return recording;
    }

    /** The capture of one transaction goes on; for tests and the benchmark. */
    public IntercomRecorder recorder() {
        return recorder;
    }

    public LiveSender live() {
        return live;
    }

    /** Stops capture (closing the open segment as the last of its recording), then the uploader. */
    @Override
    public void close() {
        live.close();
        recorder.close();
        uploader.close();
    }
}
