package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.counterline.protocol.Rejection.Reason;

/** The server's answer to a {@link Request}, on {@code dev/{device}/res}: a result or an error. */
public record Response(@JsonProperty(required = true) int v, String id,
                       @JsonProperty(required = true) boolean ok, JsonNode result, ErrorInfo error) {

    public Response {
        Check.version(v);
        Check.text(id, "id", 64);
        if (ok && result == null) {
            throw new InvalidMessageException(Reason.MISSING_FIELD, "result is missing from an ok response");
        }
        if (!ok && error == null) {
            throw new InvalidMessageException(Reason.MISSING_FIELD, "error is missing from a failed response");
        }
    }

    public static Response ok(String id, JsonNode result) {
        return new Response(MessageCodec.VERSION, id, true, result, null);
    }

    public static Response failed(String id, ErrorInfo error) {
        return new Response(MessageCodec.VERSION, id, false, null, error);
    }
}
