package io.counterline.caller.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated intercom for the demo, tests and the benchmark: a loop of PCM played in real time
 * (or as fast as it is read, {@code paced = false}). {@link #speech} has espeak-ng say a line once
 * at start, the teller on the left channel, then the customer on the right.
 */
public final class SimulatedAudioCapture implements AudioCapture {
    private static final Logger log = LoggerFactory.getLogger(SimulatedAudioCapture.class);

    private final byte[] loop;
    private final boolean paced;
    private final String what;
    private int position;
    private long nextDue;
    private volatile boolean closed;

    /** @param loop PCM in {@link Pcm}'s layout, a whole number of blocks */
    public SimulatedAudioCapture(byte[] loop, boolean paced, String what) {
        if (loop.length == 0 || loop.length % Pcm.BLOCK_BYTES != 0) {
            throw new IllegalArgumentException("the loop must be whole 100 ms blocks, was " + loop.length + " bytes");
        }
        this.loop = loop.clone();
        this.paced = paced;
        this.what = what;
    }

    /**
     * {@code text} spoken by espeak-ng (voice {@code zh} when the text has Chinese, else {@code en}):
     * teller on the left, half a second of quiet, customer on the right. Without espeak-ng, a
     * {@link #tone}, said in the log.
     */
    public static SimulatedAudioCapture speech(String text, boolean paced) {
        try {
            short[] voice = espeak(text);
            int quiet = Pcm.RATE / 2;
            int frames = roundToBlocks(2 * (voice.length + quiet));
            ByteBuffer b = ByteBuffer.allocate(frames * Pcm.BYTES_PER_FRAME).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < frames; i++) {
                int half = voice.length + quiet;
                int j = i % half;
                short s = j < voice.length ? voice[j] : 0;
                boolean teller = i < half;
                b.putShort(teller ? s : 0).putShort(teller ? 0 : s);
            }
            return new SimulatedAudioCapture(b.array(), paced, "simulated speech (espeak-ng)");
        } catch (IOException e) {
            log.warn("simulated intercom: espeak-ng could not speak ({}); a tone stands in", e.getMessage());
            return tone(paced);
        }
    }

    /** Two seconds: 440 Hz on the left (teller), then 660 Hz on the right (customer). */
    public static SimulatedAudioCapture tone(boolean paced) {
        int frames = 2 * Pcm.RATE;
        ByteBuffer b = ByteBuffer.allocate(frames * Pcm.BYTES_PER_FRAME).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            boolean teller = i < Pcm.RATE;
            short s = (short) (8000 * Math.sin(2 * Math.PI * (teller ? 440 : 660) * i / Pcm.RATE));
            b.putShort(teller ? s : 0).putShort(teller ? 0 : s);
        }
        return new SimulatedAudioCapture(b.array(), paced, "simulated tone");
    }

    private static int roundToBlocks(int frames) {
        int perBlock = Pcm.BLOCK_BYTES / Pcm.BYTES_PER_FRAME;
        return (frames + perBlock - 1) / perBlock * perBlock;
    }

    /** espeak-ng's WAV (mono, 22,050 Hz) resampled to 16 kHz by linear interpolation. */
    private static short[] espeak(String text) throws IOException {
        Path wav = Files.createTempFile("counterline-intercom", ".wav");
        try {
            String voice = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                    ? "zh" : "en";
            Process p = new ProcessBuilder(List.of("espeak-ng", "-v", voice, "-w", wav.toString(), text))
                    .redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("espeak-ng failed");
            }
            return resample(Files.readAllBytes(wav));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private static short[] resample(byte[] wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int rate = b.getInt(24);
        int channels = b.getShort(22);
        int at = 12;
        while (at + 8 <= wav.length && !new String(wav, at, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("data")) {
            at += 8 + b.getInt(at + 4);
        }
        if (at + 8 > wav.length || channels < 1 || rate < 8000) {
            throw new IOException("espeak-ng wrote no PCM data");
        }
        int start = at + 8;
        int inFrames = (wav.length - start) / (2 * channels);
        int outFrames = (int) ((long) inFrames * Pcm.RATE / rate);
        short[] out = new short[outFrames];
        for (int i = 0; i < outFrames; i++) {
            double pos = (double) i * rate / Pcm.RATE;
            int k = (int) pos;
            double f = pos - k;
            short a = b.getShort(start + k * 2 * channels);
            short c = k + 1 < inFrames ? b.getShort(start + (k + 1) * 2 * channels) : a;
            out[i] = (short) Math.round(a + (c - a) * f);
        }
        if (outFrames == 0) {
            throw new IOException("espeak-ng wrote no PCM data");
        }
        return out;
    }

    @Override
    public void read(byte[] block) throws IOException {
        if (closed) {
            throw new IOException("capture closed");
        }
        if (paced) {
            // The pace of a real sound card: one block every 100 ms.
            long now = System.nanoTime();
            if (nextDue == 0) {
                nextDue = now;
            }
            nextDue += TimeUnit.MILLISECONDS.toNanos(Pcm.BLOCK_MS);
            while (!closed && System.nanoTime() < nextDue) {
                LockSupport.parkNanos(nextDue - System.nanoTime());
            }
            if (closed) {
                throw new IOException("capture closed");
            }
        }
        System.arraycopy(loop, position, block, 0, Pcm.BLOCK_BYTES);
        position = (position + Pcm.BLOCK_BYTES) % loop.length;
    }

    @Override
    public String describe() {
        return what;
    }

    @Override
    public void close() {
        closed = true;
    }
}
