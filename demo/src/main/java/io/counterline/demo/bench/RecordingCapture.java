package io.counterline.demo.bench;

import io.counterline.caller.recording.Pcm;
import io.counterline.caller.recording.SegmentSpool;
import io.counterline.caller.recording.SimulatedAudioCapture;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What recording costs the counter caller: the simulated intercom read as fast as it goes (no
 * pacing), cut into 60 s WAV segments on disk, each forced to disk and checksummed, as the
 * recorder's capture thread does. The CPU of this thread over the audio's length is the share of
 * one core a counter's recording takes (arecord's own CPU on the Pi is not in it).
 */
final class RecordingCapture {
    record Result(double audioSeconds, double cpuSeconds, double wallSeconds, long bytes) {
        double cpuPerRealTime() {
            return cpuSeconds / audioSeconds;
        }
    }

    private RecordingCapture() {
    }

    static Result measure(Path dir, int audioSeconds) throws Exception {
        SegmentSpool spool = SegmentSpool.open(dir);
        SimulatedAudioCapture capture = SimulatedAudioCapture.tone(false);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] block = new byte[Pcm.BLOCK_BYTES];
        int blocksPerSegment = 60_000 / Pcm.BLOCK_MS;
        int blocks = audioSeconds * 1000 / Pcm.BLOCK_MS;
        String recording = UUID.randomUUID().toString();
        long bytes = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        SegmentSpool.Writing open = null;
        int index = 0;
        for (int i = 0; i < blocks; i++) {
            capture.read(block);
            if (open == null) {
                open = spool.begin(new SegmentSpool.Start(recording, UUID.randomUUID().toString(), index++,
                        "b001-20261205-A001", "c1", "t01", System.currentTimeMillis()));
            }
            open.append(block);
            if (i % blocksPerSegment == blocksPerSegment - 1 || i == blocks - 1) {
                SegmentSpool.Stored s = open.close(i == blocks - 1);
                bytes += s.body().bytes();
                spool.delete(s); // keep the bench's disk use to one segment
                open = null;
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return new Result(audioSeconds, cpu / 1e9, wall / 1e9, bytes);
    }
}
