package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.counterline.protocol.Rejection.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Several events of one device in one message, on the same {@code dev/{device}/evt} topic as a
 * single {@link EventEnvelope}: {@code {"v": 1, "device": "uplink", "events": [envelope, …]}}.
 * The whole message stays within {@link MessageCodec#MAX_PAYLOAD_BYTES} and holds at most
 * {@link #MAX_EVENTS}. The events are kept as JSON until the receiver checks each one on its own
 * ({@link MessageCodec#decodeEvents}), so one bad event is refused alone, never its batch; each
 * event is acknowledged by its {@code seq} as a single one is.
 *
 * @param v      protocol version
 * @param device the sender; must equal the device in the topic and in every event
 * @param events the events' envelopes, oldest first
 */
public record EventBatch(
        @JsonProperty(required = true) int v,
        String device,
        List<JsonNode> events) implements FromDevice {
    public static final int MAX_EVENTS = 500;
    /** The field that tells a batch from a single envelope, which never has it. */
    static final String EVENTS = "events";

    public EventBatch {
        Check.version(v);
        Check.id(device, "device");
        Check.present(events, EVENTS);
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw new InvalidMessageException(Reason.INVALID_FIELD,
                    "a batch holds 1 to " + MAX_EVENTS + " events, this one " + events.size());
        }
        events = List.copyOf(events);
    }

    /** The bytes a batch adds around its events' own bytes (commas included, one per event at most). */
    public static int overhead(String device) {
        return head(device).length + 2;
    }

    /**
     * The payload of a batch from its events' encoded envelopes ({@link MessageCodec#encode}),
     * written as they are; throws {@link IllegalArgumentException} beyond the contract's limits.
     */
    public static byte[] payload(String device, List<byte[]> encodedEvents) {
        if (encodedEvents.isEmpty() || encodedEvents.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_EVENTS + " events");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(MessageCodec.MAX_PAYLOAD_BYTES);
        out.writeBytes(head(device));
        for (int i = 0; i < encodedEvents.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(encodedEvents.get(i));
        }
        out.write(']');
        out.write('}');
        if (out.size() > MessageCodec.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a batch of " + encodedEvents.size() + " events is " + out.size()
                    + " bytes, over the contract's " + MessageCodec.MAX_PAYLOAD_BYTES);
        }
        return out.toByteArray();
    }

    private static byte[] head(String device) {
        Check.id(device, "device");
        return ("{\"v\":" + MessageCodec.VERSION + ",\"device\":\"" + device + "\",\"" + EVENTS + "\":[")
                .getBytes(StandardCharsets.UTF_8);
    }
}
