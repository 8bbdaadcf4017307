package io.counterline.caller.recording;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 44-byte RIFF/WAVE header of a PCM file in {@link Pcm}'s layout. A segment is written with
 * a header of unknown length (0) and gets its sizes when it is closed.
 */
public final class WavHeader {
    public static final int SIZE = 44;

    private WavHeader() {
    }

    /** "RIFF" size "WAVE", "fmt " 16 (PCM 1, channels, rate, byte rate, block align, 16 bits), "data" size. */
    public static byte[] of(long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        b.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) Pcm.CHANNELS).putInt(Pcm.RATE).putInt(Pcm.BYTES_PER_SECOND)
                .putShort((short) Pcm.BYTES_PER_FRAME).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return b.array();
    }
}
