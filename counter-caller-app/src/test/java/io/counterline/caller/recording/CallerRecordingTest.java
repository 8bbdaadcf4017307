package io.counterline.caller.recording;

import static io.counterline.caller.CallerRig.T0;
import static io.counterline.caller.CallerRig.calling;
import static io.counterline.caller.CallerRig.idle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.caller.CallerRig;
import io.counterline.protocol.Bodies.RecordingLive;
import io.counterline.protocol.Bodies.RecordingSegment;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording wired into the caller: the teller's call starts it, completing ends it, the teller
 * screen's model shows it, segment events reach the server (a scripted one that acknowledges,
 * on the in-memory bus), files go to the console's upload endpoint (a test double on loopback)
 * and are deleted once both are confirmed; the server's {@code recording.live} turns live on.
 */
class CallerRecordingTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final FakeAudioCapture capture = new FakeAudioCapture();
    private FakeRecordingServer console;
    private CallerRig rig;

    @BeforeEach
    void start() throws Exception {
        console = new FakeRecordingServer("caller-3", "caller-3-secret-0001", 0);
        rig = new CallerRig(dir, null, """
                recording { enabled = true, server-url = "http://127.0.0.1:%d", segment-length = 1s,
                            start-notice = spoken, retry-initial = 50ms, retry-max = 200ms }
                """.formatted(console.port()), capture);
        rig.publish(idle());
        await().until(() -> rig.node.controller().view().status() == CounterStatus.IDLE);
    }

    @AfterEach
    void stop() {
        rig.close();
        console.close();
    }

    private List<RecordingSegment> segmentEvents() {
        return rig.server.events().stream().filter(e -> e.type() == EventType.RECORDING_SEGMENT)
                .map(e -> rig.server.body(e, RecordingSegment.class)).toList();
    }

    /** Feeds a block whenever the recorder has handled the last, until {@code done}. */
    private void feedUntil(java.util.concurrent.Callable<Boolean> done) {
        await().atMost(PATIENCE).until(() -> {
            if (capture.idle()) {
                capture.feed(1);
            }
            return done.call();
        });
    }

    @Test
    void callToComplete_recordedSegmentsAnnouncedUploadedThenDeleted() throws Exception {
        rig.answer(Operation.CALL_NEXT, calling("A012", T0.plusSeconds(60)));
        rig.node.controller().callNext().get();
        feedUntil(() -> rig.node.controller().view().recording());
        assertThat(rig.spoken()).contains("本次服务将被录音");
        capture.feed(14);
        await().atMost(PATIENCE).until(capture::idle);

        rig.answer(Operation.SERVICE_COMPLETE, idle());
        rig.node.controller().complete().get();
        feedUntil(() -> segmentEvents().stream().anyMatch(RecordingSegment::last));
        await().until(() -> !rig.node.controller().view().recording());

        List<RecordingSegment> events = segmentEvents();
        assertThat(events).extracting(RecordingSegment::index).containsExactly(0, 1);
        assertThat(events).extracting(RecordingSegment::ticketId).containsOnly(CallerRig.ticket("A012").id());
        assertThat(events).extracting(RecordingSegment::tellerId).containsOnly("t01");
        assertThat(events).extracting(RecordingSegment::counterId).containsOnly("c3");
        assertThat(events.get(0).durationMs()).isEqualTo(1000);
        assertThat(events.get(1).last()).isTrue();
        await().atMost(PATIENCE).until(() -> events.stream().allMatch(e -> console.uploads.containsKey(e.segmentId())
                && console.uploads.get(e.segmentId()).complete));
        for (RecordingSegment e : events) {
            assertThat(console.uploads.get(e.segmentId()).sha256).isEqualTo(e.sha256());
        }
        Path spool = dir.resolve("recordings");
        await().atMost(PATIENCE).until(() -> {
            try (Stream<Path> files = Files.list(spool)) {
                return files.noneMatch(f -> f.toString().endsWith(".wav"));
            }
        });
        assertThat(rig.runtime.health().part("recording-upload").level().wire()).isEqualTo("ok");
    }

    @Test
    void recordingLiveCommand_streamsTheIntercom() {
        rig.server.command(new Command(MessageCodec.VERSION, "live-1", "caller-3", CommandType.RECORDING_LIVE, T0,
                new MessageCodec().toBody(new RecordingLive(true, 10_000L))));
        feedUntil(() -> console.liveFrames.size() >= 3);
        assertThat(console.liveConnects.get()).isEqualTo(1);
        List<EventEnvelope> none = rig.server.events().stream()
                .filter(e -> e.type() == EventType.RECORDING_SEGMENT).toList();
        assertThat(none).as("no transaction, so nothing recorded").isEmpty();
    }
}
