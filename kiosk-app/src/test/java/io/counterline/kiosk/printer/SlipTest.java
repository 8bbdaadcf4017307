package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlipTest {

    @Test
    void create_nonAsciiTicketId_rejectedBecauseTheQrCommandMiscountsIt() {
        assertThatThrownBy(() -> slip("票-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ticketId must be printable ASCII");
        assertThatThrownBy(() -> slip("T 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> slip("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void create_asciiTicketId_accepted() {
        assertThatCode(() -> slip("01HX3Z-T-42")).doesNotThrowAnyException();
    }

    @Test
    void create_negativeCounts_rejected() {
        assertThatThrownBy(() -> new Slip("b", "s", "s", "A1", -1, 0, Slips.ISSUED, "T", false, List.of()))
                .hasMessageContaining("peopleAhead");
    }

    private static Slip slip(String ticketId) {
        return new Slip("b", "s", "s", "A1", 0, 0, Slips.ISSUED, ticketId, false, List.of());
    }
}
