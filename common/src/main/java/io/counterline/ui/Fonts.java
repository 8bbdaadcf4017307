package io.counterline.ui;

import java.util.Collection;
import java.util.List;

/**
 * Picks the font family for a Chinese screen. JavaFX CSS does not fall back along a family list
 * as web CSS does (it takes the first name, else "System"), so every screen asks here with the
 * families that are installed ({@code javafx.scene.text.Font.getFamilies()}).
 */
public final class Fonts {
    /** Debian's fonts-wqy-microhei first, then the Noto/Source Han CJK families. */
    public static final List<String> PREFERRED = List.of("WenQuanYi Micro Hei", "Noto Sans CJK SC",
            "Source Han Sans SC", "Droid Sans Fallback");
    public static final String LAST_RESORT = "System";

    private Fonts() {
    }

    /** The first preferred family that is installed, or JavaFX's "System". */
    public static String family(Collection<String> installed) {
        return PREFERRED.stream().filter(installed::contains).findFirst().orElse(LAST_RESORT);
    }
}
