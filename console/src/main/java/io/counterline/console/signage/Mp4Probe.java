package io.counterline.console.signage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks that an uploaded file is an MP4 (ISO base media file, ISO/IEC 14496-12) whose video is
 * H.264, the one video codec JavaFX Media plays on the hall display's Pi. The top-level boxes are
 * walked (4-byte size + 4-byte type, size 1 = 64-bit size follows, size 0 = to the end of the
 * file): the first must be {@code ftyp}, every box must end within the file, and a {@code moov}
 * must be there; its sample
 * descriptions must name {@code avc1}/{@code avc3} (H.264). H.265 ({@code hvc1}/{@code hev1}),
 * MPEG-4 part 2 ({@code mp4v}), AV1 and VP9 are refused by name, as is a file cut short.
 */
final class Mp4Probe {
    /** A moov of a few minutes of video is well under 1 MB; more is not a file we want to play. */
    private static final long MAX_MOOV = 16L * 1024 * 1024;
    private static final int MAX_BOXES = 10_000;

    private Mp4Probe() {
    }

    static void check(Path file) throws MediaLibrary.Refused, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            boolean first = true;
            ByteBuffer moov = null;
            for (int boxes = 0; pos < size; boxes++) {
                if (boxes > MAX_BOXES) {
                    throw new MediaLibrary.Refused("the MP4 has more than " + MAX_BOXES + " top-level boxes");
                }
                ByteBuffer head = read(ch, pos, 16);
                if (head.remaining() < 8) {
                    throw notMp4("a box header is cut short");
                }
                long boxSize = Integer.toUnsignedLong(head.getInt());
                String type = new String(new byte[] {head.get(), head.get(), head.get(), head.get()},
                        StandardCharsets.ISO_8859_1);
                int header = 8;
                if (boxSize == 1) {
                    if (head.remaining() < 8) {
                        throw notMp4("a box header is cut short");
                    }
                    boxSize = head.getLong();
                    header = 16;
                } else if (boxSize == 0) {
                    boxSize = size - pos;
                }
                if (first && !type.equals("ftyp")) {
                    throw notMp4("it does not begin with an ftyp box");
                }
                first = false;
                if (boxSize < header || boxSize > size - pos) {
                    throw notMp4("box '" + printable(type) + "' runs past the end of the file (cut short?)");
                }
                if (type.equals("moov")) {
                    if (boxSize > MAX_MOOV) {
                        throw notMp4("its moov box is larger than " + MAX_MOOV / (1024 * 1024) + " MB");
                    }
                    moov = read(ch, pos + header, (int) (boxSize - header));
                }
                pos += boxSize; // every box is walked: a file cut short in its media data is refused too
            }
            if (moov == null) {
                throw notMp4("it has no moov box (no track description)");
            }
            codec(moov);
        }
    }

    /** Looks for the sample entry four-character codes in the moov box. */
    private static void codec(ByteBuffer moov) throws MediaLibrary.Refused {
        String text = new String(moov.array(), moov.arrayOffset() + moov.position(), moov.remaining(),
                StandardCharsets.ISO_8859_1);
        if (text.contains("avc1") || text.contains("avc3")) {
            return;
        }
        for (String[] other : new String[][] {{"hvc1", "H.265"}, {"hev1", "H.265"}, {"mp4v", "MPEG-4 part 2"},
                {"av01", "AV1"}, {"vp09", "VP9"}}) {
            if (text.contains(other[0])) {
                throw new MediaLibrary.Refused("the video is " + other[1] + ", which the hall display cannot play:"
                        + " encode it as H.264 (e.g. ffmpeg -i IN -c:v libx264 -pix_fmt yuv420p OUT.mp4)");
            }
        }
        throw new MediaLibrary.Refused("the MP4 has no H.264 video track: encode it as H.264"
                + " (e.g. ffmpeg -i IN -c:v libx264 -pix_fmt yuv420p OUT.mp4)");
    }

    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                break;
            }
        }
        return b.flip();
    }

    private static MediaLibrary.Refused notMp4(String why) {
        return new MediaLibrary.Refused("the content is not an MP4 video although declared one: " + why);
    }

    private static String printable(String type) {
        return type.replaceAll("[^A-Za-z0-9 ]", "?");
    }
}
