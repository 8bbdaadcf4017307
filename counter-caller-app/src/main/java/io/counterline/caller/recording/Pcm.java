package io.counterline.caller.recording;

/**
 * The one audio layout of recordings, live frames and WAV files ({@code wav-s16le-16k-stereo}):
 * signed 16-bit little-endian samples, 16,000 frames a second, two channels interleaved, left =
 * teller, right = customer. Audio moves in blocks of 100 ms.
 */
public final class Pcm {
    public static final int RATE = 16_000;
    public static final int CHANNELS = 2;
    public static final int BYTES_PER_FRAME = 2 * CHANNELS;
    public static final int BYTES_PER_SECOND = RATE * BYTES_PER_FRAME;
    public static final int BLOCK_MS = 100;
    /** 100 ms: 1,600 frames, 6,400 bytes. */
    public static final int BLOCK_BYTES = BYTES_PER_SECOND * BLOCK_MS / 1000;

    private Pcm() {
    }

    public static long millis(long pcmBytes) {
        return pcmBytes * 1000 / BYTES_PER_SECOND;
    }
}
