package io.counterline.caller.display;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * One text frame for a serial LED counter display (the common "start, address, length,
 * GB2312 text, checksum, end" protocol of Chinese counter LED boards):
 *
 * <pre>
 * offset  size  field
 * 0       1     start byte        (default 0x02, STX)
 * 1       1     address           (0-255, set by DIP switches on the board; several boards share an RS-485 line)
 * 2       1     n = text length in bytes
 * 3       n     text, GB18030 bytes (GB2312-compatible for ASCII and common Chinese)
 * 3+n     1     checksum over address, length and text: XOR of the bytes, or their sum mod 256
 * 4+n     1     end byte          (default 0x03, ETX)
 * </pre>
 *
 * <p>Start and end bytes must be control bytes (below 0x20): GB18030 text never contains one,
 * so a receiver can resynchronise on the start byte. Address, length and checksum may take any
 * value, so a receiver finds the end by the length, not by searching for the end byte.
 *
 * @param address the board's address, 0-255
 * @param text what the board shows; {@link #encode} cleans and shortens it to fit
 */
public record LedFrame(int address, String text) {
    static final Charset GB18030 = Charset.forName("GB18030");
    private static final int HEADER = 3;
    private static final int TRAILER = 2;

    public LedFrame {
        if (address < 0 || address > 0xFF) {
            throw new IllegalArgumentException("address must be 0 to 255, was " + address);
        }
        if (text == null) {
            throw new IllegalArgumentException("text is missing");
        }
    }

    public enum Checksum {
        XOR, SUM;

        int over(byte[] bytes, int from, int to) {
            int value = 0;
            for (int i = from; i < to; i++) {
                value = this == XOR ? value ^ (bytes[i] & 0xFF) : value + (bytes[i] & 0xFF);
            }
            return value & 0xFF;
        }
    }

    /**
     * How frames are built for one kind of board.
     *
     * @param width how much text the board shows, in half-width cells: an ASCII character takes
     *     one cell, a Chinese character two (a 16-cell board shows 8 Chinese characters); 1-127
     */
    public record Format(int startByte, int endByte, Checksum checksum, int width) {
        public static final Format DEFAULT = new Format(0x02, 0x03, Checksum.XOR, 16);

        public Format {
            controlByte(startByte, "start byte");
            controlByte(endByte, "end byte");
            if (checksum == null) {
                throw new IllegalArgumentException("checksum is missing");
            }
            // Two bytes per cell at most (four-byte GB18030 characters take two cells), so the
            // text always fits the one-byte length field.
            if (width < 1 || width > 127) {
                throw new IllegalArgumentException("width must be 1 to 127 cells, was " + width);
            }
        }

        private static void controlByte(int value, String name) {
            if (value < 0 || value > 0x1F) {
                throw new IllegalArgumentException(name + " must be a control byte 0x00 to 0x1F"
                        + " so that it never occurs in GB18030 text, was " + value);
            }
        }
    }

    /** The frame's bytes, with the text cleaned and cut to {@link Format#width} by {@link #fit}. */
    public byte[] encode(Format format) {
        byte[] data = fit(text, format.width()).getBytes(GB18030);
        byte[] frame = new byte[HEADER + data.length + TRAILER];
        frame[0] = (byte) format.startByte();
        frame[1] = (byte) address;
        frame[2] = (byte) data.length;
        System.arraycopy(data, 0, frame, HEADER, data.length);
        frame[HEADER + data.length] = (byte) format.checksum().over(frame, 1, HEADER + data.length);
        frame[frame.length - 1] = (byte) format.endByte();
        return frame;
    }

    /**
     * Reads one whole frame.
     *
     * @throws IllegalArgumentException naming what is wrong: start, length, checksum or end
     */
    public static LedFrame decode(Format format, byte[] frame) {
        if (frame.length < HEADER + TRAILER) {
            throw new IllegalArgumentException("frame of " + frame.length + " bytes is shorter than "
                    + (HEADER + TRAILER));
        }
        if ((frame[0] & 0xFF) != format.startByte()) {
            throw new IllegalArgumentException(String.format("frame starts with 0x%02X, not 0x%02X",
                    frame[0] & 0xFF, format.startByte()));
        }
        int length = frame[2] & 0xFF;
        if (frame.length != HEADER + length + TRAILER) {
            throw new IllegalArgumentException("frame of " + frame.length + " bytes says its text has "
                    + length + " bytes");
        }
        int expected = format.checksum().over(frame, 1, HEADER + length);
        int actual = frame[HEADER + length] & 0xFF;
        if (actual != expected) {
            throw new IllegalArgumentException(String.format("checksum is 0x%02X but the bytes give 0x%02X",
                    actual, expected));
        }
        if ((frame[frame.length - 1] & 0xFF) != format.endByte()) {
            throw new IllegalArgumentException(String.format("frame ends with 0x%02X, not 0x%02X",
                    frame[frame.length - 1] & 0xFF, format.endByte()));
        }
        String text = new String(Arrays.copyOfRange(frame, HEADER, HEADER + length), GB18030);
        return new LedFrame(frame[1] & 0xFF, text);
    }

    /**
     * The text as a board can show it: control characters (tabs, line breaks) become spaces,
     * unpaired surrogates are dropped, and it is cut after the last whole character that fits
     * in {@code width} cells, so a multi-byte character is never split.
     */
    public static String fit(String text, int width) {
        StringBuilder fitted = new StringBuilder();
        int cells = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.SURROGATE) {
                continue;
            }
            if (Character.isISOControl(cp)) {
                cp = ' ';
            }
            cells += cp < 0x80 ? 1 : 2;
            if (cells > width) {
                break;
            }
            fitted.appendCodePoint(cp);
        }
        return fitted.toString();
    }
}
