package io.counterline.caller.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LedFrameTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final LedFrame.Format XOR = LedFrame.Format.DEFAULT;
    private static final LedFrame.Format SUM = new LedFrame.Format(0x01, 0x04, LedFrame.Checksum.SUM, 16);

    @Test
    void encode_callText_goldenBytesWithGb18030AndXor() {
        byte[] frame = new LedFrame(1, "请 A012 号").encode(XOR);

        // 请 = C7 EB, 号 = BA C5 in GB2312/GB18030; XOR of 01 0A ... C5 = 2A.
        assertThat(HEX.formatHex(frame)).isEqualTo("02 01 0a c7 eb 20 41 30 31 32 20 ba c5 2a 03");
    }

    @Test
    void encode_sumChecksum_sumOfAddressLengthAndTextMod256() {
        byte[] frame = new LedFrame(1, "请 A012 号").encode(SUM);

        assertThat(HEX.formatHex(frame)).isEqualTo("01 01 0a c7 eb 20 41 30 31 32 20 ba c5 50 04");
    }

    @Test
    void encode_paused_fourChineseCharactersEightBytes() {
        byte[] frame = new LedFrame(7, "暂停服务").encode(XOR);

        assertThat(HEX.formatHex(frame, 1, 11)).isEqualTo("07 08 d4 dd cd a3 b7 fe ce f1");
    }

    @ParameterizedTest
    @CsvSource({"请 A012 号, XOR", "暂停服务, SUM", "'', XOR", "Welcome 欢迎光临, SUM", "€ 𠀀 é, XOR"})
    void decode_encodedFrame_roundTrips(String text, String checksum) {
        LedFrame.Format format = new LedFrame.Format(0x02, 0x03, LedFrame.Checksum.valueOf(checksum), 127);
        LedFrame frame = new LedFrame(200, text);

        assertThat(LedFrame.decode(format, frame.encode(format))).isEqualTo(frame);
    }

    @Test
    void encode_tooLong_cutAfterLastWholeCharacterThatFits() {
        LedFrame.Format eightCells = new LedFrame.Format(0x02, 0x03, LedFrame.Checksum.XOR, 8);

        // "请 A012 号" needs 10 cells; 号 (2 cells) no longer fits after 7 cells, nor half of it.
        LedFrame decoded = LedFrame.decode(eightCells, new LedFrame(1, "请 A012 号").encode(eightCells));
        assertThat(decoded.text()).isEqualTo("请 A012 ");
        assertThat(LedFrame.fit("欢迎光临", 7)).isEqualTo("欢迎光");
        assertThat(LedFrame.fit("ABCDEFGHIJ", 4)).isEqualTo("ABCD");
    }

    @Test
    void encode_widest_textStillFitsTheLengthByte() {
        LedFrame.Format widest = new LedFrame.Format(0x02, 0x03, LedFrame.Checksum.XOR, 127);
        String fourByteCharacters = "𠀀".repeat(100); // GB18030 four-byte characters

        byte[] frame = new LedFrame(1, fourByteCharacters).encode(widest);

        assertThat(frame[2] & 0xFF).isEqualTo(63 * 4);
        assertThat(LedFrame.decode(widest, frame).text()).isEqualTo("𠀀".repeat(63));
    }

    @Test
    void fit_controlCharacters_becomeSpacesAndNeverReachTheWire() {
        assertThat(LedFrame.fit("A\u0002B\nC\tD\u007F", 16)).isEqualTo("A B C D ");

        byte[] frame = new LedFrame(1, "\u0002\u0003请\r\n" + "\u001b号").encode(XOR);
        for (int i = 3; i < frame.length - 2; i++) {
            assertThat(frame[i] & 0xFF).as("text byte %d", i).isGreaterThanOrEqualTo(0x20);
        }
    }

    @Test
    void fit_unpairedSurrogate_dropped() {
        assertThat(LedFrame.fit("A\uD800B", 16)).isEqualTo("AB");
    }

    @Test
    void decode_flippedBit_rejectedNamingTheChecksum() {
        byte[] frame = new LedFrame(1, "请 A012 号").encode(XOR);
        frame[5] ^= 0x01;

        assertThatThrownBy(() -> LedFrame.decode(XOR, frame)).hasMessageContaining("checksum");
    }

    @Test
    void decode_wrongStartLengthOrEnd_rejected() {
        byte[] good = new LedFrame(1, "A1").encode(XOR);

        byte[] badStart = good.clone();
        badStart[0] = 0x05;
        assertThatThrownBy(() -> LedFrame.decode(XOR, badStart)).hasMessageContaining("starts with 0x05");
        byte[] badEnd = good.clone();
        badEnd[badEnd.length - 1] = 0x00;
        assertThatThrownBy(() -> LedFrame.decode(XOR, badEnd)).hasMessageContaining("ends with 0x00");
        byte[] truncated = Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> LedFrame.decode(XOR, truncated)).hasMessageContaining("says its text has 2 bytes");
    }

    @Test
    void format_printableStartByteOrBadWidth_rejected() {
        assertThatThrownBy(() -> new LedFrame.Format('$', 0x03, LedFrame.Checksum.XOR, 16))
                .hasMessageContaining("start byte must be a control byte");
        assertThatThrownBy(() -> new LedFrame.Format(0x02, 0x03, LedFrame.Checksum.XOR, 128))
                .hasMessageContaining("width must be 1 to 127");
        assertThatThrownBy(() -> new LedFrame(256, "x")).hasMessageContaining("address must be 0 to 255");
    }
}
