package io.counterline.kiosk.printer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads ESC/POS bytes the way a Chinese thermal printer would, and says what a customer would
 * see: printed lines with their size and weight, QR code contents and cuts. It knows the
 * commands the slip printer uses and fails on any other control byte, so a control byte that
 * leaks from a text field fails the test that prints it.
 */
final class EscPosReader {
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset CP437 = Charset.forName("IBM437"); // a printer's default code page

    /** One printed line; size and weight as in effect for its first character. */
    record Line(String text, int width, int height, boolean bold, boolean centred) {
    }

    private final byte[] bytes;
    private final List<Line> lines = new ArrayList<>();
    private final List<String> qrCodes = new ArrayList<>();
    private int cuts;
    private int initialisations;

    private boolean chinese;
    private boolean bold;
    private boolean centred;
    private int width = 1;
    private int height = 1;
    private final StringBuilder text = new StringBuilder();
    private Line style;
    private String storedQr;
    private int qrModel;

    private EscPosReader(byte[] bytes) {
        this.bytes = bytes;
    }

    static EscPosReader read(byte[] bytes) {
        EscPosReader reader = new EscPosReader(bytes);
        reader.run();
        return reader;
    }

    List<Line> lines() {
        return lines;
    }

    /** The printed lines that are not empty, as text. */
    List<String> texts() {
        return lines.stream().map(Line::text).filter(t -> !t.isBlank()).collect(Collectors.toList());
    }

    Line line(String text) {
        return lines.stream().filter(l -> l.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + text + "' in " + texts()));
    }

    List<String> qrCodes() {
        return qrCodes;
    }

    /** The last QR model selected ({@code GS ( k fn 65}): 49 model 1, 50 model 2, 51 micro QR. */
    int qrModel() {
        return qrModel;
    }

    int cuts() {
        return cuts;
    }

    int initialisations() {
        return initialisations;
    }

    private void run() {
        int i = 0;
        while (i < bytes.length) {
            int b = u(i);
            if (b == 0x0A) {
                endLine();
                i++;
            } else if (b == 0x1B) {
                i = esc(i);
            } else if (b == 0x1D) {
                i = gs(i);
            } else if (b == 0x1C) {
                int c = u(i + 1);
                if (c == '&') {
                    chinese = true;
                } else if (c == '.') {
                    chinese = false;
                } else {
                    throw unknown(i);
                }
                i += 2;
            } else if (b == 0x10 && u(i + 1) == 0x04) { // DLE EOT n, a status request
                i += 3;
            } else if (b < 0x20 || b == 0x7F) {
                throw unknown(i);
            } else if (b < 0x80) {
                print(String.valueOf((char) b));
                i++;
            } else if (chinese && b >= 0x81) {
                int length = i + 1 < bytes.length && u(i + 1) >= 0x30 && u(i + 1) <= 0x39 ? 4 : 2;
                print(new String(bytes, i, length, GB18030));
                i += length;
            } else {
                print(new String(bytes, i, 1, CP437));
                i++;
            }
        }
        if (text.length() > 0) {
            endLine(); // a printer prints what is left when it cuts; enough for reading
        }
    }

    private int esc(int i) {
        int c = u(i + 1);
        switch (c) {
            case '@' -> {
                initialisations++;
                bold = false;
                centred = false;
                width = 1;
                height = 1;
                return i + 2;
            }
            case '2' -> {
                return i + 2;
            }
            case 'E' -> bold = (u(i + 2) & 1) != 0;
            case '!' -> {
                int n = u(i + 2);
                bold = (n & 0x08) != 0;
                height = (n & 0x10) != 0 ? 2 : 1;
                width = (n & 0x20) != 0 ? 2 : 1;
            }
            case 'a' -> centred = (u(i + 2) & 0x0F) == 1; // 1 or '1': centre
            case 'd' -> {
                for (int n = 0; n < u(i + 2); n++) {
                    endLine();
                }
            }
            case 'M', '-', 't', '3', 'J', 'G' -> {
                // font, underline, code table, line spacing, feed by dots, double strike: no text
            }
            default -> throw unknown(i);
        }
        return i + 3;
    }

    private int gs(int i) {
        int c = u(i + 1);
        switch (c) {
            case '!' -> {
                width = (u(i + 2) >> 4) + 1;
                height = (u(i + 2) & 0x0F) + 1;
                return i + 3;
            }
            case 'B' -> {
                return i + 3;
            }
            case 'V' -> {
                cuts++;
                int m = u(i + 2);
                return m == 65 || m == 66 ? i + 4 : i + 3;
            }
            case '(' -> {
                if (u(i + 2) != 'k') {
                    throw unknown(i);
                }
                int length = u(i + 3) + 256 * u(i + 4);
                int start = i + 5;
                int cn = u(start);
                int fn = u(start + 1);
                if (cn == 0x31 && fn == 0x41) { // select the model: cn fn n1 n2
                    qrModel = u(start + 2);
                    if (qrModel < 49 || qrModel > 51) {
                        throw new IllegalStateException("QR model byte " + qrModel + " at offset " + (start + 2)
                                + " is outside ESC/POS's 49 (model 1), 50 (model 2), 51 (micro QR)");
                    }
                } else if (cn == 0x31 && fn == 0x50) { // store QR data: cn fn m d1...dk
                    storedQr = new String(bytes, start + 3, length - 3, StandardCharsets.US_ASCII);
                } else if (cn == 0x31 && fn == 0x51) { // print the stored symbol
                    qrCodes.add(storedQr);
                }
                return start + length;
            }
            default -> throw unknown(i);
        }
    }

    private void print(String s) {
        if (text.length() == 0) {
            style = new Line("", width, height, bold, centred);
        }
        text.append(s);
    }

    private void endLine() {
        Line s = text.length() == 0 ? new Line("", width, height, bold, centred) : style;
        lines.add(new Line(text.toString(), s.width(), s.height(), s.bold(), s.centred()));
        text.setLength(0);
    }

    private int u(int i) {
        if (i >= bytes.length) {
            throw new IllegalStateException("command cut short at the end of " + bytes.length + " bytes");
        }
        return bytes[i] & 0xFF;
    }

    private IllegalStateException unknown(int i) {
        return new IllegalStateException(String.format("unknown control byte 0x%02X at offset %d: %s",
                u(i), i, Arrays.toString(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 6)))));
    }
}
