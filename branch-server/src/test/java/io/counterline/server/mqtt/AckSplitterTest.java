package io.counterline.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Ack;
import io.counterline.protocol.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AckSplitterTest {
    private final MessageCodec codec = new MessageCodec();

    @Test
    void longSequenceNumbers_splitIntoAcksThatEachFit_nothingLostOrRepeated() {
        List<Long> seqs = new ArrayList<>();
        for (long i = 0; i < 3000; i++) {
            seqs.add(Long.MAX_VALUE - i);
        }
        List<byte[]> payloads = AckSplitter.payloads(codec, "kiosk-1", 1, seqs);
        assertThat(payloads).hasSizeGreaterThan(1);
        List<Long> back = new ArrayList<>();
        for (byte[] p : payloads) {
            assertThat(p.length).isLessThanOrEqualTo(MessageCodec.MAX_PAYLOAD_BYTES);
            back.addAll(codec.decode(p, Ack.class).orThrow().seqs());
        }
        assertThat(back).isEqualTo(seqs);
    }

    @Test
    void smallAck_isOneMessage() {
        assertThat(AckSplitter.payloads(codec, "kiosk-1", 1, List.of(1L, 2L, 3L))).hasSize(1);
    }
}
