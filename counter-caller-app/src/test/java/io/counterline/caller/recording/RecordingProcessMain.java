package io.counterline.caller.recording;

import io.counterline.protocol.Health;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The counter's recorder alone in a child JVM, for {@link RecordingKillIT}: a simulated intercom
 * in real time, one transaction from the start, segments of one second into {@code args[0]}.
 * Prints "CLOSED index" per closed segment. Runs until killed.
 */
public final class RecordingProcessMain {
    private RecordingProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        SegmentSpool spool = SegmentSpool.open(Path.of(args[0]));
        IntercomRecorder recorder = new IntercomRecorder(
                IntercomRecorderTest.settings(Duration.ofSeconds(1), 100L << 20), SimulatedAudioCapture.tone(true),
                spool, System::currentTimeMillis, "c3", new IntercomRecorder.Listener() {
                    @Override
                    public void closed(SegmentSpool.Stored segment) {
                        System.out.println("CLOSED " + segment.body().index());
                    }

                    @Override
                    public void recording(boolean on) {
                        System.out.println("RECORDING " + on);
                    }

                    @Override
                    public void health(Health health) {
                        System.out.println("HEALTH " + health);
                    }
                }, null).start();
        recorder.transaction("b001-20261122-A012", "t01");
        Thread.currentThread().join(); // until SIGKILL
    }
}
