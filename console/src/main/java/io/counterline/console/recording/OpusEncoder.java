package io.counterline.console.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Joins a recording's WAV segments (s16le, 16 kHz, stereo: teller left, customer right) and encodes
 * them to Ogg/Opus with Debian's {@code opusenc} (opus-tools), then checks the result by decoding
 * it again with {@code opusdec}: the file counts only when it decodes to as many samples as went in.
 * Ogg/Opus plays with seeking in Chromium, Firefox and current Safari (docs/recording.md).
 */
public final class OpusEncoder {
    /** Speech in two channels; about 14 MB per counter-hour. */
    public static final int BITRATE_KBPS = 32;
    static final int RATE = 16_000;
    static final int CHANNELS = 2;
    /** Opus works in 20 ms frames and pads the last one: decoded length may differ by this much. */
    private static final long TOLERANCE_BYTES = RATE * CHANNELS * 2 / 10;

    /** A recording that could not be encoded (a bad segment, a missing tool): the segments stay. */
    public static final class EncodeException extends Exception {
        EncodeException(String message) {
            super(message);
        }
    }

    private final String opusenc;
    private final String opusdec;

    public OpusEncoder() {
        this("opusenc", "opusdec");
    }

    OpusEncoder(String opusenc, String opusdec) {
        this.opusenc = opusenc;
        this.opusdec = opusdec;
    }

    /**
     * @param durationMs the segments' announced total, to bound how long the tools may take
     * @return the PCM bytes encoded
     */
    public long encode(List<Path> wavs, Path out, long durationMs) throws EncodeException, IOException,
            InterruptedException {
        Files.createDirectories(out.getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Process p = new ProcessBuilder(opusenc, "--quiet", "--raw", "--raw-bits", "16", "--raw-rate",
                Integer.toString(RATE), "--raw-chan", Integer.toString(CHANNELS), "--raw-endianness", "0", "--bitrate",
                Integer.toString(BITRATE_KBPS), "--speech", "-", tmp.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<byte[]> messages = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        long pcm = 0;
        try (OutputStream toEncoder = p.getOutputStream()) {
            for (Path wav : wavs) {
                pcm += copyPcm(wav, toEncoder);
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        } catch (EncodeException e) {
            p.destroyForcibly();
            Files.deleteIfExists(tmp);
            throw e;
        }
        long allowedMs = Math.max(60_000, durationMs);
        try {
            if (!p.waitFor(allowedMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new EncodeException("opusenc took longer than " + allowedMs + " ms");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly(); // stopping: the recording stays ready and is encoded after the restart
            throw e;
        }
        if (p.exitValue() != 0) {
            Files.deleteIfExists(tmp);
            throw new EncodeException("opusenc failed (" + p.exitValue() + "): " + new String(messages.join()).strip());
        }
        long decoded = decodedBytes(tmp, allowedMs);
        if (Math.abs(decoded - pcm) > TOLERANCE_BYTES) {
            Files.deleteIfExists(tmp);
            throw new EncodeException("the encoded file decodes to " + decoded + " PCM bytes, not " + pcm);
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return pcm;
    }

    private long decodedBytes(Path opus, long allowedMs) throws IOException, InterruptedException, EncodeException {
        Process p = new ProcessBuilder(opusdec, "--quiet", "--rate", Integer.toString(RATE), opus.toString(), "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        CompletableFuture<Long> count = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                return in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                return -1L;
            }
        });
        try {
            if (!p.waitFor(allowedMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new EncodeException("opusdec took longer than " + allowedMs + " ms");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        if (p.exitValue() != 0) {
            throw new EncodeException("opusdec cannot read the encoded file (" + p.exitValue() + ")");
        }
        return count.join(); // raw samples: opusdec writes no header to standard output
    }

    /**
     * Writes the samples of one WAV file: checks the header says PCM, 16 bits, 16 kHz, stereo.
     *
     * @return the bytes written
     */
    static long copyPcm(Path wav, OutputStream out) throws IOException, EncodeException {
        try (InputStream in = Files.newInputStream(wav)) {
            byte[] riff = in.readNBytes(12);
            if (riff.length < 12 || !new String(riff, 0, 4).equals("RIFF") || !new String(riff, 8, 4).equals("WAVE")) {
                throw new EncodeException(wav.getFileName() + " is not a WAV file");
            }
            boolean format = false;
            for (int chunks = 0; chunks < 64; chunks++) {
                byte[] head = in.readNBytes(8);
                if (head.length < 8) {
                    break;
                }
                String id = new String(head, 0, 4);
                long size = ByteBuffer.wrap(head, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
                if (id.equals("fmt ")) {
                    ByteBuffer f = ByteBuffer.wrap(in.readNBytes((int) Math.min(size, 64))).order(ByteOrder.LITTLE_ENDIAN);
                    if (f.limit() < 16 || f.getShort(0) != 1 || f.getShort(2) != CHANNELS || f.getInt(4) != RATE
                            || f.getShort(14) != 16) {
                        throw new EncodeException(wav.getFileName() + " is not PCM s16le 16 kHz stereo ("
                                + Segment.FORMAT + ")");
                    }
                    in.skipNBytes(Math.max(0, size - 64));
                    format = true;
                } else if (id.equals("data")) {
                    if (!format) {
                        throw new EncodeException(wav.getFileName() + " has samples before its format");
                    }
                    // arecord writes 0 or 0xffffffff as the size of a stream it did not close: take the rest.
                    long n = size == 0 || size == 0xffffffffL ? in.transferTo(out) : copy(in, out, size - size % (CHANNELS * 2));
                    return n - n % (CHANNELS * 2);
                } else {
                    in.skipNBytes(size + (size & 1));
                }
            }
            throw new EncodeException(wav.getFileName() + " has no samples");
        }
    }

    private static long copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            left -= n;
        }
        return size - left;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readNBytes(64 * 1024);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
