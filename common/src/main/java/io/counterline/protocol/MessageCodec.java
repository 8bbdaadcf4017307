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
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
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
            .addModule(new SimpleModule("strict-instants").addDeserializer(Instant.class, new IsoInstant()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // The contract's types are JSON's: no "1" for 1, no 3.5 (nor 3.0) for an integer,
            // no 123 for an id, no "true" for true. Jackson coerces all of these by default.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    public MessageCodec() {
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(32).build());
        for (LogicalType textual : List.of(LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer,
                LogicalType.Float, LogicalType.Enum)) {
            mapper.coercionConfigFor(textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        // ...but each type from its own shape.
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
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
        String notUtf8 = utf8Problem(payload);
        if (notUtf8 != null) {
            return rejected(Reason.NOT_UTF8, notUtf8);
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

    /**
     * Decodes what arrived on a device's event topic: a single {@link EventEnvelope} or an
     * {@link EventBatch}. Rejected whole when the payload or the batch's own fields are bad (and
     * when a single envelope is); otherwise one outcome per event, in order, each checked on its
     * own (schema and that it names {@code topicDevice}), so one bad event never refuses the others.
     */
    public Decoded<List<Decoded<EventEnvelope>>> decodeEvents(byte[] payload, String topicDevice) {
        Decoded<JsonNode> tree = decode(payload, JsonNode.class);
        if (!(tree instanceof Decoded.Accepted<JsonNode> parsed)) {
            return new Decoded.Rejected<>(((Decoded.Rejected<JsonNode>) tree).rejection());
        }
        JsonNode node = parsed.message();
        if (!node.has(EventBatch.EVENTS)) {
            Decoded<EventEnvelope> single = fromDevice(decodeBody(node, EventEnvelope.class), topicDevice);
            return single instanceof Decoded.Rejected<EventEnvelope> r ? new Decoded.Rejected<>(r.rejection())
                    : new Decoded.Accepted<>(List.of(single));
        }
        Decoded<EventBatch> batch = fromDevice(decodeBody(node, EventBatch.class), topicDevice);
        if (!(batch instanceof Decoded.Accepted<EventBatch> accepted)) {
            return new Decoded.Rejected<>(((Decoded.Rejected<EventBatch>) batch).rejection());
        }
        List<Decoded<EventEnvelope>> events = new java.util.ArrayList<>(accepted.message().events().size());
        for (JsonNode event : accepted.message().events()) {
            events.add(fromDevice(decodeBody(event, EventEnvelope.class), topicDevice));
        }
        return new Decoded.Accepted<>(events);
    }

    private static <T extends FromDevice> Decoded<T> fromDevice(Decoded<T> decoded, String topicDevice) {
        if (decoded instanceof Decoded.Accepted<T> a && topicDevice != null
                && !topicDevice.equals(a.message().device())) {
            return rejected(Reason.DEVICE_MISMATCH,
                    "payload device '" + a.message().device() + "' on the topic of '" + topicDevice + "'");
        }
        return decoded;
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

    /**
     * Jackson's parser lets some malformed UTF-8 through (overlong forms, encoded surrogates)
     * and reports the rest as a JSON syntax error; the JDK's decoder refuses exactly what RFC
     * 3629 forbids. Returns null when the bytes are well-formed.
     */
    private static String utf8Problem(byte[] payload) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(payload));
            return null;
        } catch (CharacterCodingException e) {
            return "not well-formed UTF-8 (" + e.getMessage() + ")";
        }
    }

    /** Instants only as ISO-8601 text ("2026-11-22T02:30:00.123Z"), never as epoch numbers. */
    private static final class IsoInstant extends StdScalarDeserializer<Instant> {
        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            try {
                return Instant.parse(p.getText());
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                        "not an ISO-8601 instant such as 2026-11-22T02:30:00Z");
            }
        }
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
            if (msg.startsWith("Trailing token")) {
                return new Rejection(Reason.NOT_JSON, msg);
            }
            if (msg.startsWith("Cannot coerce") || !(e instanceof InvalidFormatException)) {
                // A value of the wrong JSON type ("Cannot coerce Integer value (123) to String",
                // "Cannot deserialize value of type Instant from Integer value"); a value of the
                // right type that does not parse (an InvalidFormat) is an invalid field.
                return new Rejection(Reason.WRONG_TYPE, msg + " at " + mismatch.getPathReference());
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
