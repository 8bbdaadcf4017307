package io.counterline.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tiny videos made by Debian's {@code ffmpeg} for the hall media tests (a test pattern, no sound,
 * a few kB), so no binary video sits in git. Without ffmpeg the test is skipped, or fails under
 * {@code CI=true} ({@link Binaries}).
 */
public final class TestVideos {
    private TestVideos() {
    }

    /** H.264 (baseline, yuv420p) in MP4, what the hall display plays: 160×90, 10 frames a second. */
    public static Path h264(Path file, int seconds) throws IOException, InterruptedException {
        return make(file, seconds, "libx264", "-profile:v", "baseline", "-movflags", "+faststart");
    }

    /** H.265 in MP4, which the hall display cannot play (refused on upload). */
    public static Path h265(Path file) throws IOException, InterruptedException {
        return make(file, 1, "libx265");
    }

    private static Path make(Path file, int seconds, String codec, String... more)
            throws IOException, InterruptedException {
        Path ffmpeg = Binaries.require("ffmpeg", "ffmpeg");
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-y", "-f", "lavfi", "-i", "testsrc=size=160x90:rate=10", "-t", Integer.toString(seconds), "-c:v", codec,
                "-pix_fmt", "yuv420p", "-an"));
        cmd.addAll(List.of(more));
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ffmpeg did not finish " + file + " within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("ffmpeg could not make " + file + " (exit " + p.exitValue() + ")");
        }
        return file;
    }
}
