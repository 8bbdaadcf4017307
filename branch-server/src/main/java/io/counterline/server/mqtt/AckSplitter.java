package io.counterline.server.mqtt;

import io.counterline.protocol.Ack;
import io.counterline.protocol.MessageCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one device's acknowledgement into messages that each fit the contract's payload limit
 * ({@link MessageCodec#MAX_PAYLOAD_BYTES}), whatever the sequence numbers look like: a count
 * alone cannot promise that, since a sequence number takes 1 to 19 digits.
 */
final class AckSplitter {
    private AckSplitter() {
    }

    /** The encoded acks for {@code seqs}, in order, each within the limit. */
    static List<byte[]> payloads(MessageCodec codec, String device, long boot, List<Long> seqs) {
        List<byte[]> out = new ArrayList<>();
        split(codec, device, boot, seqs, out);
        return out;
    }

    private static void split(MessageCodec codec, String device, long boot, List<Long> seqs, List<byte[]> out) {
        if (seqs.isEmpty()) {
            return;
        }
        byte[] whole = encodeIfFits(codec, Ack.of(device, boot, seqs));
        if (whole != null) {
            out.add(whole);
            return;
        }
        if (seqs.size() == 1) {
            throw new IllegalStateException("an ack of one sequence number does not fit the payload limit");
        }
        int half = seqs.size() / 2;
        split(codec, device, boot, seqs.subList(0, half), out);
        split(codec, device, boot, seqs.subList(half, seqs.size()), out);
    }

    private static byte[] encodeIfFits(MessageCodec codec, Ack ack) {
        try {
            return codec.encode(ack);
        } catch (IllegalArgumentException tooLarge) {
            return null;
        }
    }
}
