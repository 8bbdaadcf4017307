package io.counterline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FontsTest {
    @Test
    void family_firstPreferredMissing_takesNextInstalled() {
        assertThat(Fonts.family(List.of("DejaVu Sans", "Noto Sans CJK SC", "Droid Sans Fallback")))
                .isEqualTo("Noto Sans CJK SC");
    }

    @Test
    void family_noCjkFontInstalled_fallsBackToSystem() {
        assertThat(Fonts.family(List.of("DejaVu Sans"))).isEqualTo("System");
    }
}
