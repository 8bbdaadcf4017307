package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlipTextTest {

    @Test
    void sanitise_controlCharacters_removedAndBreaksBecomeSpaces() {
        assertThat(SlipText.sanitise("Branch\u001B@\u0007\u007F\u0085")).isEqualTo("Branch@");
        assertThat(SlipText.sanitise("a\tb\nc\r")).isEqualTo("a b c ");
        assertThat(SlipText.sanitise(null)).isEmpty();
    }

    @Test
    void sanitise_charactersOutsideGbk_substituted() {
        assertThat(SlipText.sanitise("¥12")).isEqualTo("￥12");
        assertThat(SlipText.sanitise("好😀")).isEqualTo("好?");
    }

    @Test
    void sanitise_result_encodesWithoutControlBytesInOneOrTwoBytesPerCharacter() {
        String text = SlipText.sanitise("中文 ABC ￥€é\u0000\u001F");

        byte[] gb = text.getBytes(SlipText.GB18030);
        for (byte b : gb) {
            assertThat(b & 0xFF).isGreaterThanOrEqualTo(0x20).isNotEqualTo(0x7F);
        }
        assertThat(gb.length).isLessThanOrEqualTo(2 * text.length());
    }

    @Test
    void width_chineseCharacters_countTwoColumns() {
        assertThat(SlipText.width("前面还有 5 人")).isEqualTo(13);
    }

    @Test
    void wrap_longLine_breaksAtSpacesWithinColumns() {
        assertThat(SlipText.wrap("Please listen for your number", 16))
                .containsExactly("Please listen", "for your number");
        assertThat(SlipText.wrap("请留意叫号请留意叫号", 8)).containsExactly("请留意叫", "号请留意", "叫号");
        assertThat(SlipText.wrap("short", 32)).containsExactly("short");
    }
}
