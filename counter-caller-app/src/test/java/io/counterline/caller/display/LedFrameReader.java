package io.counterline.caller.display;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The far end of a serial line, as an LED board reads it: skips bytes until a start byte,
 * takes address and length, then the text, checksum and end byte by the length, and decodes.
 * Frames that do not decode are kept apart, so a test can insist there are none.
 */
final class LedFrameReader {
    private final LedFrame.Format format;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    final List<LedFrame> frames = new CopyOnWriteArrayList<>();
    final List<String> broken = new CopyOnWriteArrayList<>();

    LedFrameReader(LedFrame.Format format) {
        this.format = format;
    }

    void accept(int b) {
        if (pending.size() == 0 && b != format.startByte()) {
            broken.add(String.format("stray byte 0x%02X outside a frame", b));
            return;
        }
        pending.write(b);
        byte[] bytes = pending.toByteArray();
        if (bytes.length >= 3 && bytes.length == 3 + (bytes[2] & 0xFF) + 2) {
            pending.reset();
            try {
                frames.add(LedFrame.decode(format, bytes));
            } catch (IllegalArgumentException e) {
                broken.add(e.getMessage());
            }
        }
    }

    List<String> texts() {
        return frames.stream().map(LedFrame::text).toList();
    }
}
