package io.counterline.caller.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A capture the test feeds block by block: {@link #feed} hands over numbered blocks (each frame
 * carries the block's number, so a WAV read back shows which blocks it holds and in what order).
 */
final class FakeAudioCapture implements AudioCapture {
    private final Deque<byte[]> blocks = new ArrayDeque<>();
    private boolean closed;
    private boolean inRead;
    private int next;

    /** Numbered blocks: every sample of block n is n on the left and -n on the right. */
    synchronized void feed(int count) {
        for (int i = 0; i < count; i++) {
            blocks.add(block(next++));
        }
        notifyAll();
    }

    static byte[] block(int n) {
        ByteBuffer b = ByteBuffer.allocate(Pcm.BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            b.putShort((short) n).putShort((short) -n);
        }
        return b.array();
    }

    /**
     * Every block fed was read and handled: the reader is back, waiting for more. A test posts
     * its next command only then, so it lands between the blocks it meant.
     */
    synchronized boolean idle() {
        return inRead && blocks.isEmpty();
    }

    @Override
    public synchronized void read(byte[] block) throws IOException {
        inRead = true;
        try {
            while (!closed && blocks.isEmpty()) {
                wait(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (closed) {
            throw new IOException("capture closed");
        }
        System.arraycopy(blocks.poll(), 0, block, 0, block.length);
        inRead = false;
    }

    @Override
    public String describe() {
        return "fake capture";
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
