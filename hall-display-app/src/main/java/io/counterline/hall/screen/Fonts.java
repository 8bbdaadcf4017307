package io.counterline.hall.screen;

import java.util.Collection;
import java.util.List;

/**
 * Picks the screen's font family. JavaFX CSS does not fall back along a family list as web CSS
 * does: {@code -fx-font-family: "Missing", "WenQuanYi Micro Hei"} gives the "System" font, not
 * the second (checked with JavaFX 21). So the list is walked here, against the installed families.
 */
final class Fonts {
    /** CJK families in order of preference: Debian's fonts-wqy-microhei, then fonts-noto-cjk. */
    static final List<String> PREFERRED = List.of("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC",
            "Droid Sans Fallback");
    /** JavaFX's own default, which still draws CJK glyphs from any installed fallback font. */
    static final String LAST_RESORT = "System";

    private Fonts() {
    }

    static String family(Collection<String> installed) {
        return PREFERRED.stream().filter(installed::contains).findFirst().orElse(LAST_RESORT);
    }
}
