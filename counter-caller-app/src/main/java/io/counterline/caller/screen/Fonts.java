package io.counterline.caller.screen;

import java.util.Collection;
import java.util.List;

/**
 * Picks the screen's font family in code: JavaFX CSS does not fall back along a family list
 * (a missing first name gives "System"), so the list is walked here against the installed
 * families, as the hall display does.
 */
final class Fonts {
    /** CJK families in order of preference: Debian's fonts-wqy-microhei, then fonts-noto-cjk. */
    static final List<String> PREFERRED = List.of("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC",
            "Droid Sans Fallback");

    private Fonts() {
    }

    static String family(Collection<String> installed) {
        return PREFERRED.stream().filter(installed::contains).findFirst().orElse("System");
    }
}
