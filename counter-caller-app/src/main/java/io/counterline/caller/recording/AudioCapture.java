package io.counterline.caller.recording;

import java.io.IOException;

/**
 * Where the counter's intercom audio comes from: 100 ms blocks in {@link Pcm}'s layout, as they
 * are captured. One thread reads ({@code recording-capture}).
 */
public interface AudioCapture extends AutoCloseable {

    /**
     * Fills {@code block} ({@link Pcm#BLOCK_BYTES}) with the next 100 ms, blocking until it is
     * captured.
     *
     * @throws IOException when the source failed; the next call tries to open it again
     */
    void read(byte[] block) throws IOException;

    /** For logs and health: "arecord -D plughw:1,0", "simulated speech". */
    String describe();

    /** Stops capturing; a {@link #read} in progress ends with an {@link IOException}. Never throws. */
    @Override
    void close();
}
