package io.counterline.kiosk.printer;

import io.counterline.protocol.WaitTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What is printed on a slip, top to bottom, independent of how: the ESC/POS printer turns it
 * into commands and the simulated printer draws it, so both show the same slip. Lines are
 * sanitised and wrapped to the paper's width here.
 */
public record SlipLayout(List<Element> elements) {

    private static final DateTimeFormatter ISSUED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public SlipLayout {
        elements = List.copyOf(elements);
    }

    /** One printed part of a slip. */
    public sealed interface Element permits Text, Qr {
    }

    /** A line of text, already sanitised and short enough for one printed line. */
    public record Text(String text, Size size, boolean bold, boolean centred) implements Element {
    }

    /** A QR code holding ASCII {@code data}. */
    public record Qr(String data) implements Element {
    }

    /** Character size as multiples of the normal 12×24-dot cell (ESC/POS {@code GS !}). */
    public enum Size {
        NORMAL(1), DOUBLE(2), QUAD(4);

        public final int factor;

        Size(int factor) {
            this.factor = factor;
        }
    }

    /** The customer's slip, Chinese before English, for paper {@code columns} characters wide. */
    public static SlipLayout of(Slip slip, int columns) {
        Builder b = new Builder(columns);
        b.text(slip.branchName(), Size.NORMAL, true, true);
        b.text(slip.serviceNameZh(), Size.NORMAL, true, true);
        b.text(slip.serviceNameEn(), Size.NORMAL, false, true);
        b.text(slip.number(), Size.QUAD, true, true);
        if (slip.offline()) {
            b.bilingual("离线取号", "Issued offline", true);
        }
        b.bilingual("前面还有 " + slip.peopleAhead() + " 人", slip.peopleAhead() + " ahead of you", false);
        if (slip.estimatedWaitMinutes() == 0) {
            b.bilingual(WaitTime.zh(0), WaitTime.en(0), false);
        } else {
            b.bilingual("预计等候 " + slip.estimatedWaitMinutes() + " 分钟",
                    "Estimated wait " + slip.estimatedWaitMinutes() + " min", false);
        }
        b.bilingual("取号时间", "Issued " + ISSUED.format(slip.issuedAt()), false);
        b.elements.add(new Qr(slip.ticketId()));
        slip.footer().forEach(line -> b.text(line, Size.NORMAL, false, true));
        return new SlipLayout(b.elements);
    }

    /**
     * A page for the technician: Chinese and ASCII samples, a ruler as wide as the configured
     * {@code columns} (it must fill one line exactly) and a QR code.
     */
    public static SlipLayout testPage(int columns, String describeSetup) {
        Builder b = new Builder(columns);
        b.text("打印测试", Size.DOUBLE, true, true);
        b.text("Printer test", Size.NORMAL, true, true);
        b.text(describeSetup, Size.NORMAL, false, false);
        b.text("中文：汉字打印正常 ￥12.50", Size.NORMAL, false, false);
        b.text("ASCII: 0123456789 ABCXYZ abcxyz", Size.NORMAL, false, false);
        StringBuilder ruler = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
            ruler.append(i % 10);
        }
        b.text(ruler.toString(), Size.NORMAL, false, false);
        b.text("A012", Size.QUAD, true, true);
        b.elements.add(new Qr("COUNTERLINE-TEST"));
        return new SlipLayout(b.elements);
    }

    private static final class Builder {
        private final int columns;
        private final List<Element> elements = new ArrayList<>();

        Builder(int columns) {
            this.columns = columns;
        }

        void text(String raw, Size size, boolean bold, boolean centred) {
            String clean = SlipText.sanitise(raw);
            if (clean.isBlank()) {
                return;
            }
            for (String line : SlipText.wrap(clean, columns / size.factor)) {
                elements.add(new Text(line, size, bold, centred));
            }
        }

        /**
         * "中文 / English" on one line when it fits, otherwise two lines; a bold notice is
         * centred, information is left-aligned.
         */
        void bilingual(String zh, String en, boolean bold) {
            String joined = zh + " / " + en;
            if (SlipText.width(SlipText.sanitise(joined)) <= columns) {
                text(joined, Size.NORMAL, bold, bold);
            } else {
                text(zh, Size.NORMAL, bold, bold);
                text(en, Size.NORMAL, bold, bold);
            }
        }
    }
}
