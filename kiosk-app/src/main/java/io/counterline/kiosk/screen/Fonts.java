package io.counterline.kiosk.screen;

import java.util.Collection;
import java.util.List;

/**
 * Picks the screen's font family. JavaFX CSS does not fall back along a family list (it takes
 * the first name and otherwise "System"), so the list is walked here against the installed
 * families, as the hall display does.
 */
final class Fonts {
    /** CJK families in order of preference: Debian's fonts-wqy-microhei, then fonts-noto-cjk. */
    static final List<String> PREFERRED = List.of("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC",
            "Droid Sans Fallback");
    static final String LAST_RESORT = "System";

    private Fonts() {
    }

    static String family(Collection<String> installed) {
        return PREFERRED.stream().filter(installed::contains).findFirst().orElse(LAST_RESORT);
    }
}
