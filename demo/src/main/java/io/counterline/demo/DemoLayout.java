package io.counterline.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the demo's windows go on a 1920×1080 screen, in three columns without overlap: the kiosk
 * (at its smallest supported size, 800×480) above the hall display; the teller screens (their
 * 800×480 panel) one above the other; the rating pads, scaled down, and the printed slip on the
 * right. Heights leave room for each window's title bar.
 */
record DemoLayout(List<Placement> windows) {
    static final double SCREEN_WIDTH = 1920;
    static final double SCREEN_HEIGHT = 1080;
    /** A desktop's window title bar: windows are stacked this far apart, besides their content. */
    static final double TITLE_BAR = 32;
    /** The rating pad's 800×480 design shown at this scale in the right-hand column. */
    static final double PAD_SCALE = 0.4;

    /** One window: its content's position and size (the title bar sits above {@code y}). */
    record Placement(String name, double x, double y, double width, double height) {
        double bottom() {
            return y + height;
        }

        boolean overlaps(Placement other) {
            return x < other.x + other.width && other.x < x + width
                    && y - TITLE_BAR < other.bottom() && other.y - TITLE_BAR < bottom();
        }
    }

    DemoLayout {
        windows = List.copyOf(windows);
    }

    /** The layout for {@code counters} counters (each a teller screen and a rating pad); 1 or 2 fit. */
    static DemoLayout forCounters(int counters) {
        if (counters < 1 || counters > 2) {
            throw new IllegalArgumentException("the demo screen holds 1 or 2 counters, not " + counters);
        }
        List<Placement> windows = new ArrayList<>();
        Placement kiosk = new Placement("kiosk", 0, TITLE_BAR, 800, 480);
        windows.add(kiosk);
        windows.add(new Placement("hall", 0, below(kiosk), 800, 450));
        double padWidth = 800 * PAD_SCALE;
        double padHeight = 480 * PAD_SCALE;
        double tellerY = TITLE_BAR;
        double padY = TITLE_BAR;
        for (int i = 1; i <= counters; i++) {
            Placement teller = new Placement("teller-" + i, 800, tellerY, 800, 480);
            Placement pad = new Placement("pad-" + i, 1600, padY, padWidth, padHeight);
            windows.add(teller);
            windows.add(pad);
            tellerY = below(teller);
            padY = below(pad);
        }
        windows.add(new Placement("printer", 1600, padY, padWidth, SCREEN_HEIGHT - 60 - padY));
        return new DemoLayout(windows);
    }

    Placement window(String name) {
        return windows.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no window " + name));
    }

    private static double below(Placement above) {
        return above.bottom() + TITLE_BAR;
    }
}
