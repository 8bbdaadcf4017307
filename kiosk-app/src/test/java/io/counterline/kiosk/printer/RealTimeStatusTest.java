package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.kiosk.printer.PrinterStatus.Condition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import org.junit.jupiter.api.Test;

/** Status bytes as the ESC/POS command reference gives them for DLE EOT 1, 2, 3, 4. */
class RealTimeStatusTest {

    @Test
    void decode_allClear_ready() {
        assertThat(RealTimeStatus.decode(0x12, 0x12, 0x12, 0x12)).isEqualTo(PrinterStatus.READY);
    }

    @Test
    void decode_paperRollEnded_paperOut() {
        // offline (n=1 bit 3), stopped by paper end (n=2 bit 5), near end and end sensors (n=4)
        assertThat(RealTimeStatus.decode(0x1A, 0x32, 0x12, 0x7E).condition()).isEqualTo(Condition.PAPER_OUT);
    }

    @Test
    void decode_coverOpen_coverOpen() {
        assertThat(RealTimeStatus.decode(0x1A, 0x16, 0x12, 0x12).condition()).isEqualTo(Condition.COVER_OPEN);
    }

    @Test
    void decode_nearEndOnly_printsButDegraded() {
        PrinterStatus status = RealTimeStatus.decode(0x12, 0x12, 0x12, 0x1E);
        assertThat(status.condition()).isEqualTo(Condition.PAPER_NEAR_END);
        assertThat(status.canPrint()).isTrue();
    }

    @Test
    void decode_cutterError_errorNamingTheCutter() {
        PrinterStatus status = RealTimeStatus.decode(0x1A, 0x52, 0x16, 0x12);
        assertThat(status.condition()).isEqualTo(Condition.ERROR);
        assertThat(status.reason()).contains("cutter");
    }

    @Test
    void decode_offlineWithoutCause_offline() {
        assertThat(RealTimeStatus.decode(0x1A, 0x12, 0x12, 0x12).condition()).isEqualTo(Condition.OFFLINE);
    }

    @Test
    void read_strayXonBeforeAnswers_skipsIt() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        byte[] answers = {0x11, 0x12, 0x12, 0x12, 0x1E};

        PrinterStatus status = RealTimeStatus.read(new ByteArrayInputStream(answers) {
            @Override
            public synchronized int available() {
                return 0; // nothing stale: the XON arrives after the first request
            }
        }, sent);

        assertThat(status.condition()).isEqualTo(Condition.PAPER_NEAR_END);
        assertThat(sent.toByteArray()).containsExactly(0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4);
    }

    @Test
    void read_staleAnswersWaiting_discardedBeforeAsking() throws Exception {
        byte[] stale = {0x1A, 0x12, 0x12, 0x12, 0x12};
        ByteArrayInputStream in = new ByteArrayInputStream(stale);

        assertThatThrownBy(() -> RealTimeStatus.read(in, new ByteArrayOutputStream()))
                .isInstanceOf(EOFException.class).hasMessage("the printer closed the connection");
    }
}
