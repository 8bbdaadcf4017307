package io.counterline.caller.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The intercom through ALSA: {@code arecord} as a child process writing raw PCM to its standard
 * output. Java Sound on ALSA loses devices and mis-reports formats on the Pi; arecord is what
 * ALSA itself tests with, and a dead child is simply started again.
 */
public final class ArecordAudioCapture implements AudioCapture {
    private final String device;
    private final String command;
    private Process process;
    private InputStream pcm;
    private volatile boolean closed;

    /** @param command {@code arecord} (or a path to it) */
    public ArecordAudioCapture(String command, String device) {
        this.command = command;
        this.device = device;
    }

    @Override
    public synchronized void read(byte[] block) throws IOException {
        if (closed) {
            throw new IOException("capture closed");
        }
        if (process == null || !process.isAlive()) {
            start();
        }
        int filled = 0;
        while (filled < block.length) {
            int n = pcm.read(block, filled, block.length - filled);
            if (n < 0) {
                String why = stop();
                throw new IOException("arecord -D " + device + " ended: " + why);
            }
            filled += n;
        }
    }

    private void start() throws IOException {
        // -t raw: no WAV header on stdout; -q: no banner on stderr (stderr then holds only errors).
        process = new ProcessBuilder(List.of(command, "-q", "-D", device, "-f", "S16_LE", "-r",
                String.valueOf(Pcm.RATE), "-c", String.valueOf(Pcm.CHANNELS), "-t", "raw"))
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        pcm = process.getInputStream();
    }

    /** Ends the child and says why it stopped (its line of errors). */
    private String stop() {
        if (process == null) {
            return "not started";
        }
        String why;
        try {
            process.waitFor(1, TimeUnit.SECONDS);
            byte[] err = process.getErrorStream().readNBytes(2000);
            // ALSA's library lines come first; arecord's own says what failed.
            List<String> lines = new String(err, StandardCharsets.UTF_8).lines().toList();
            why = lines.stream().filter(l -> l.startsWith("arecord:")).findFirst()
                    .orElse(lines.isEmpty() ? "exit status " + process.exitValue() : lines.get(0));
        } catch (IOException e) {
            why = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        process.destroyForcibly();
        process = null;
        return why + (why.contains("No such file") || why.contains("audio open error")
                ? " (is the USB sound card plugged in? list capture devices with arecord -L)" : "");
    }

    @Override
    public String describe() {
        return "arecord -D " + device;
    }

    @Override
    public void close() {
        closed = true;
        Process p = process;
        if (p != null) {
            p.destroyForcibly(); // read() then sees the end of its output
        }
    }
}
