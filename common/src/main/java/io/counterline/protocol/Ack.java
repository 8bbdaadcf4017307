package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The server's word that it has committed events; only then may a device delete them from its
 * outbox. Sent on {@code dev/{device}/ack}.
 *
 * @param seqs the committed (or already held) sequence numbers of generation {@code boot}
 */
public record Ack(@JsonProperty(required = true) int v, String device,
                  @JsonProperty(required = true) long boot, List<Long> seqs) implements FromDevice {

    public Ack {
        Check.version(v);
        Check.id(device, "device");
        Check.positive(boot, "boot");
        seqs = List.copyOf(Check.present(seqs, "seqs"));
    }

    public static Ack of(String device, long boot, List<Long> seqs) {
        return new Ack(MessageCodec.VERSION, device, boot, seqs);
    }
}
