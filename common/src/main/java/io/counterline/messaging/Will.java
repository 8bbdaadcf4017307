package io.counterline.messaging;

import java.util.Objects;

/** The Last Will the broker publishes, retained at QoS 1, when this client's connection drops. */
public record Will(String topic, byte[] payload) {
    public Will {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
