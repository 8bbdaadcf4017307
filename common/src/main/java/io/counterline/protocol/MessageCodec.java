package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.counterline.protocol.Rejection.Reason;
import java.io.IOException;
import java.util.Objects;

/**
 * The one JSON codec of the contract. Decoding never throws: every bad payload becomes a
 * {@link Decoded.Rejected} with a reason. Unknown fields are ignored so that a device and a
 * server of different builds of the same version still understand each other; everything the
 * receiver needs is checked.
 *
 * <p>Thread-safe; share one instance.
 */
public final class MessageCodec {
    public static final int VERSION = 1;
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    public MessageCodec() {
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    /**
     * Encodes a message. A message over {@value #MAX_PAYLOAD_BYTES} bytes is a programming or
     * configuration error and throws {@link IllegalArgumentException}.
     */
    public byte[] encode(Object message) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(Objects.requireNonNull(message, "message"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " is " + bytes.length
                    + " bytes, over the contract's " + MAX_PAYLOAD_BYTES);
        }
        return bytes;
    }

    /** Decodes a payload into {@code type}. */
    public <T> Decoded<T> decode(byte[] payload, Class<T> type) {
        return decode(payload, type, null);
    }

    /**
     * Decodes a payload that arrived on a device's topic; a {@link FromDevice} message that
     * names another device than {@code topicDevice} is rejected.
     */
    public <T> Decoded<T> decode(byte[] payload, Class<T> type, String topicDevice) {
        if (payload == null) {
            return rejected(Reason.NOT_JSON, "no payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return rejected(Reason.TOO_LARGE, payload.length + " bytes, limit " + MAX_PAYLOAD_BYTES);
        }
        T message;
        try {
            message = mapper.readValue(payload, type);
        } catch (IOException | RuntimeException e) {
            return new Decoded.Rejected<>(explain(e));
        }
        if (message == null) {
            return rejected(Reason.NOT_JSON, "payload is JSON null");
        }
        if (topicDevice != null && message instanceof FromDevice fromDevice
                && !topicDevice.equals(fromDevice.device())) {
            return rejected(Reason.DEVICE_MISMATCH,
                    "payload device '" + fromDevice.device() + "' on the topic of '" + topicDevice + "'");
        }
        return new Decoded.Accepted<>(message);
    }

    /** Reads a request's args or an event's body as a typed record, with the same checks. */
    public <T> Decoded<T> decodeBody(JsonNode body, Class<T> type) {
        try {
            T value = mapper.treeToValue(body, type);
            return value == null ? rejected(Reason.MISSING_FIELD, "body is missing")
                    : new Decoded.Accepted<>(value);
        } catch (IOException | RuntimeException e) {
            return new Decoded.Rejected<>(explain(e));
        }
    }

    /** A record as a JSON object, for an event body, request args or response result. */
    public ObjectNode toBody(Object value) {
        JsonNode node = mapper.valueToTree(value);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(value.getClass().getSimpleName() + " is not a JSON object");
        }
        return object;
    }

    /** A JSON object's bytes with no size check, for storing a body. */
    public byte[] encodeBody(ObjectNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode body", e);
        }
    }

    public ObjectNode emptyBody() {
        return mapper.createObjectNode();
    }

    private static <T> Decoded<T> rejected(Reason reason, String detail) {
        return new Decoded.Rejected<>(new Rejection(reason, detail));
    }

    private static Rejection explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidMessageException invalid) {
                return invalid.rejection();
            }
        }
        if (e instanceof StreamReadException) {
            return new Rejection(Reason.NOT_JSON, firstLine(e));
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return new Rejection(Reason.BAD_ENUM, firstLine(e));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String msg = firstLine(e);
            if (msg.startsWith("Missing required creator property") || msg.contains("No content to map")) {
                return new Rejection(Reason.MISSING_FIELD, msg);
            }
            return new Rejection(Reason.INVALID_FIELD, msg + " at " + mismatch.getPathReference());
        }
        return new Rejection(Reason.INVALID_FIELD, firstLine(e));
    }

    private static String firstLine(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
