package io.counterline.caller.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.messaging.Backoff;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Bodies.RecordingSegment;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder on real files: segments cut per transaction, checksummed, read back as WAV. */
class IntercomRecorderTest {
    private static final long T0 = 1_795_573_800_000L;

    @TempDir
    Path dir;

    private final FakeAudioCapture capture = new FakeAudioCapture();
    private final List<SegmentSpool.Stored> closed = new CopyOnWriteArrayList<>();
    private final List<Boolean> shown = new CopyOnWriteArrayList<>();
    private final List<Health> health = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong(T0);
    private IntercomRecorder recorder;
    private SegmentSpool spool;

    static RecordingSettings settings(Duration segment, long quota) {
        return new RecordingSettings(true, RecordingSettings.Source.SIMULATED, "default", "x", Optional.empty(),
                segment, quota, 64 * 1024, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)),
                RecordingSettings.StartNotice.OFF);
    }

    private void start(RecordingSettings settings) throws Exception {
        spool = SegmentSpool.open(dir);
        recorder = new IntercomRecorder(settings, capture, spool, () -> clock.addAndGet(100), "c3",
                new IntercomRecorder.Listener() {
                    @Override
                    public void closed(SegmentSpool.Stored segment) {
                        closed.add(segment);
                    }

                    @Override
                    public void recording(boolean on) {
                        shown.add(on);
                    }

                    @Override
                    public void health(Health h) {
                        health.add(h);
                    }
                }, null).start();
    }

    @AfterEach
    void stop() {
        if (recorder != null) {
            recorder.close();
        }
    }

    private void feed(int blocks) {
        capture.feed(blocks);
        await().atMost(Duration.ofSeconds(10)).until(capture::idle);
    }

    @Test
    void voiceNote_ownRecordingOfTheTellersChannel_besideTheTransaction_boundedAtTwoMinutes() throws Exception {
        start(settings(Duration.ofSeconds(600), 100L * 1024 * 1024));
        recorder.transaction("b001-20261122-A012", "t01");
        feed(2); // blocks 0, 1
        String note = recorder.startVoiceNote("b001-20261122-A012", "t01");
        feed(5); // blocks 2..6, also in the transaction
        assertThat(stopVoiceNote()).contains(note); // block 7, not in the note
        assertThat(stopVoiceNote()).as("nothing dictated now").isEmpty(); // block 8

        SegmentSpool.Stored n = closed.get(0);
        assertThat(n.body().recordingId()).isEqualTo(note);
        assertThat(n.body().index()).isZero();
        assertThat(n.body().last()).isTrue();
        assertThat(n.body().ticketId()).isEqualTo("b001-20261122-A012");
        assertThat(n.body().tellerId()).isEqualTo("t01");
        assertThat(n.body().durationMs()).isEqualTo(500);
        ByteBuffer pcm = ByteBuffer.wrap(Files.readAllBytes(n.wav())).order(ByteOrder.LITTLE_ENDIAN).position(44);
        List<Integer> left = new ArrayList<>();
        while (pcm.remaining() >= 4) {
            int l = pcm.getShort();
            if (left.isEmpty() || left.get(left.size() - 1) != l) {
                left.add(l);
            }
            assertThat(pcm.getShort()).as("the customer's channel is silenced").isZero();
        }
        assertThat(left).containsExactly(2, 3, 4, 5, 6);

        // A note never stopped ends by itself at two minutes; without a ticket it is filed as a voice note's.
        String longNote = recorder.startVoiceNote(null, "t01");
        int longer = (int) (Bodies.NewOrder.MAX_VOICE_NOTE_MS / Pcm.BLOCK_MS) + 10;
        feed(longer);
        assertThat(closed).hasSize(2);
        assertThat(closed.get(1).body().recordingId()).isEqualTo(longNote);
        assertThat(closed.get(1).body().durationMs()).isEqualTo(Bodies.NewOrder.MAX_VOICE_NOTE_MS);
        assertThat(closed.get(1).body().ticketId()).isEqualTo(IntercomRecorder.NO_TICKET);
        assertThat(stopVoiceNote()).as("told when stopped after the limit").contains(longNote);

        recorder.transaction(null, null);
        feed(1);
        assertThat(closed).hasSize(3);
        assertThat(closed.get(2).body().recordingId()).as("the transaction's recording went on").isNotEqualTo(note);
        assertThat(closed.get(2).body().durationMs()).isEqualTo((2 + 5 + 2 + longer + 1) * (long) Pcm.BLOCK_MS);
    }

    /** Commands take effect with the next block the capture gives. */
    private Optional<String> stopVoiceNote() throws Exception {
        java.util.concurrent.CompletableFuture<Optional<String>> stopped = recorder.stopVoiceNote();
        feed(1);
        return stopped.get(10, TimeUnit.SECONDS);
    }

    @Test
    void transaction_cutIntoClosedSegments_checksummedAndReadBackInOrder() throws Exception {
        start(settings(Duration.ofSeconds(1), 100L * 1024 * 1024));
        feed(3); // before the call: not recorded
        recorder.transaction("b001-20261122-A012", "t01");
        feed(35);
        recorder.transaction(null, null); // complete
        feed(2);

        assertThat(closed).hasSize(4);
        List<Integer> blocks = new ArrayList<>();
        String recordingId = closed.get(0).body().recordingId();
        for (int i = 0; i < 4; i++) {
            RecordingSegment b = closed.get(i).body();
            assertThat(b.recordingId()).isEqualTo(recordingId);
            assertThat(b.index()).isEqualTo(i);
            assertThat(b.last()).isEqualTo(i == 3);
            assertThat(b.ticketId()).isEqualTo("b001-20261122-A012");
            assertThat(b.counterId()).isEqualTo("c3");
            assertThat(b.tellerId()).isEqualTo("t01");
            assertThat(b.durationMs()).isEqualTo(i < 3 ? 1000 : 500);
            assertThat(b.format()).isEqualTo("wav-s16le-16k-stereo");
            byte[] wav = Files.readAllBytes(closed.get(i).wav());
            assertThat((long) wav.length).isEqualTo(b.bytes());
            assertThat(SegmentSpool.sha256(closed.get(i).wav())).isEqualTo(b.sha256());
            blocks.addAll(readBack(wav));
        }
        assertThat(closed.get(1).body().startedAt()).isEqualTo(closed.get(0).body().startedAt() + 1000);
        // Blocks 3..37 were recorded, each once, in order; 0..2 (before the call) and 38.. (after) not.
        List<Integer> expected = new ArrayList<>();
        for (int n = 3; n < 38; n++) {
            expected.add(n);
        }
        assertThat(blocks).isEqualTo(expected);
        assertThat(shown).containsExactly(true, false);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part") || n.endsWith(".open")))
                    .isEmpty();
        }
        assertThat(spool.waiting()).extracting(s -> s.body().index()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void nextCall_endsTheRecordingAndStartsAnother() throws Exception {
        start(settings(Duration.ofSeconds(60), 100L * 1024 * 1024));
        recorder.transaction("T-A001", "t01");
        feed(5);
        recorder.transaction("T-A001", "t01"); // a recall: the same transaction
        feed(5);
        recorder.transaction("T-A002", "t01"); // call next with the customer still there
        feed(5);
        recorder.transaction(null, null);
        feed(1);
        assertThat(closed).extracting(s -> s.body().ticketId()).containsExactly("T-A001", "T-A002");
        assertThat(closed).extracting(s -> s.body().durationMs()).containsExactly(1000L, 500L);
        assertThat(closed).allMatch(s -> s.body().last() && s.body().index() == 0);
        assertThat(closed.get(0).body().recordingId()).isNotEqualTo(closed.get(1).body().recordingId());
    }

    @Test
    void quotaReached_pausesWithHealthReason_deletesNothing_andGoesOnOnceSpaceIsFree() throws Exception {
        // Room for about three 1 s segments (64,044 bytes each).
        start(settings(Duration.ofSeconds(1), 200_000));
        recorder.transaction("T-A001", null);
        feed(60);
        assertThat(health).last().extracting(Health::level).isEqualTo(HealthLevel.DEGRADED);
        assertThat(health.get(health.size() - 1).reason()).contains("quota").contains("recording paused");
        assertThat(shown).containsExactly(true, false);
        List<SegmentSpool.Stored> kept = spool.waiting();
        assertThat(kept).hasSize(3).allMatch(s -> Files.exists(s.wav()));
        for (SegmentSpool.Stored s : kept) {
            assertThat(SegmentSpool.sha256(s.wav())).isEqualTo(s.body().sha256());
        }
        assertThat(spool.used()).isLessThanOrEqualTo(200_000);

        // The uploader hands two over (confirmed and acknowledged) and deletes them: recording goes on.
        spool.delete(kept.get(0));
        spool.delete(kept.get(1));
        feed(5);
        assertThat(health).last().isEqualTo(Health.OK);
        assertThat(shown).containsExactly(true, false, true);
        recorder.transaction(null, null);
        feed(1);
        List<SegmentSpool.Stored> now = spool.waiting();
        assertThat(now).extracting(s -> s.body().index()).containsExactly(2, 3);
        assertThat(now.get(1).body().last()).isTrue();
        assertThat(now.get(1).body().durationMs()).isEqualTo(500);
    }

    /** The block numbers a WAV holds, checking its header says 16 kHz stereo s16le. */
    static List<Integer> readBack(byte[] wav) {
        checkHeader(wav);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> blocks = new ArrayList<>();
        for (int at = 44; at < wav.length; at += Pcm.BLOCK_BYTES) {
            short left = b.getShort(at);
            short right = b.getShort(at + 2);
            assertThat(right).isEqualTo((short) -left);
            assertThat(b.getShort(at + Pcm.BLOCK_BYTES - 4)).isEqualTo(left); // the whole block is one number
            blocks.add((int) left);
        }
        return blocks;
    }

    /** A RIFF/WAVE header saying 16 kHz stereo s16le with the file's own sizes, and whole blocks of PCM. */
    static void checkHeader(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
        assertThat(new String(wav, 8, 8)).isEqualTo("WAVEfmt ");
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(22)).isEqualTo((short) 2);
        assertThat(b.getInt(24)).isEqualTo(16_000);
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(wav, 36, 4)).isEqualTo("data");
        assertThat(b.getInt(40)).isEqualTo(wav.length - 44);
        assertThat((wav.length - 44) % Pcm.BLOCK_BYTES).isZero();
    }
}
