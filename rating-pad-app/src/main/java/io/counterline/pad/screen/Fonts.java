package io.counterline.pad.screen;

import java.util.Collection;
import java.util.List;

/**
 * Picks the screen's font family. JavaFX CSS takes only the first name of a family list (no
 * fallback as in web CSS), so the CJK families are tried here against the installed ones, as the
 * hall display does.
 */
final class Fonts {
    /** Debian's fonts-wqy-microhei, then fonts-noto-cjk. */
    static final List<String> PREFERRED = List.of("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC",
            "Droid Sans Fallback");
    static final String LAST_RESORT = "System";

    private Fonts() {
    }

    static String family(Collection<String> installed) {
        return PREFERRED.stream().filter(installed::contains).findFirst().orElse(LAST_RESORT);
    }
}
