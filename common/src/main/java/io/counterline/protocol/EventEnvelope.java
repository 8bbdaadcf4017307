package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A fact a device observed, as it travels from the device's outbox to the server on
 * {@code dev/{device}/evt}.
 *
 * @param v      protocol version
 * @param id     globally unique event id (UUID); the server stores an id once
 * @param seq    per-device sequence within {@code boot}, from 1, never reused
 * @param device the device that observed it; must equal the device in the topic
 * @param type   what happened
 * @param at     when the device observed it
 * @param boot   the generation of the device's outbox: fixed when the outbox file is created,
 *               so a device whose corrupt outbox was replaced never collides with its old
 *               sequence numbers
 * @param body   the type's fields
 */
public record EventEnvelope(
        @JsonProperty(required = true) int v,
        String id,
        @JsonProperty(required = true) long seq,
        String device,
        EventType type,
        Instant at,
        @JsonProperty(required = true) long boot,
        ObjectNode body) implements FromDevice {

    public EventEnvelope {
        Check.version(v);
        Check.text(id, "id", 64);
        Check.positive(seq, "seq");
        Check.id(device, "device");
        Check.present(type, "type");
        Check.present(at, "at");
        Check.positive(boot, "boot");
        Check.present(body, "body");
    }
}
