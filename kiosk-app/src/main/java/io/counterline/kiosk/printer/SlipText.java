package io.counterline.kiosk.printer;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes text safe and measurable for a Chinese ESC/POS printer.
 *
 * <p>Text comes from configuration and from the server, so it is never trusted: a control
 * character in it (ESC, GS, FS, DLE...) would be a printer command. In the printer's Chinese
 * mode ({@code FS &}) a byte below 0x80 is one half-width character and a byte from 0x81 up
 * starts a two-byte GB code printed full width; four-byte GB18030 codes (characters outside
 * GBK, such as "¥" and emoji) are not understood and print as garbage. So after sanitising,
 * every character encodes to one or two GB18030 bytes and its width in columns is its byte
 * count.
 */
public final class SlipText {
    /** The printers' Chinese mode takes GB codes; GB18030 is their superset. */
    public static final Charset GB18030 = Charset.forName("GB18030");

    private static final char FULLWIDTH_YEN = '\uFFE5';

    private SlipText() {
    }

    /**
     * Returns {@code text} without control characters (C0, DEL, C1; tabs and line breaks become
     * spaces), with "¥" as the full-width "￥" that GBK has, and with any other character the
     * printer's Chinese mode cannot print replaced by "?". Never returns null.
     */
    public static String sanitise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t' || cp == '\n' || cp == '\r') {
                out.append(' ');
            } else if (Character.isISOControl(cp)) {
                return;
            } else if (cp == '\u00A5') {
                out.append(FULLWIDTH_YEN);
            } else if (Character.isBmpCodePoint(cp)
                    && String.valueOf((char) cp).getBytes(GB18030).length <= 2) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    /** Columns that sanitised {@code text} takes in the printer's Chinese mode. */
    public static int width(String text) {
        return text.getBytes(GB18030).length;
    }

    /** Whether {@code text} is plain ASCII, printable without the Chinese mode. */
    public static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /**
     * Breaks sanitised {@code text} into lines of at most {@code columns} columns, at the last
     * space that fits where there is one, so that centring works and no two-byte character is
     * split by the printer's own wrapping.
     */
    public static List<String> wrap(String text, int columns) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (width(rest) > columns) {
            int end = 0;
            int used = 0;
            while (used + width(rest.substring(end, end + 1)) <= columns) {
                used += width(rest.substring(end, end + 1));
                end++;
            }
            int space = rest.lastIndexOf(' ', end);
            int cut = space > 0 ? space : Math.max(end, 1);
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || lines.isEmpty()) {
            lines.add(rest);
        }
        return lines;
    }
}
