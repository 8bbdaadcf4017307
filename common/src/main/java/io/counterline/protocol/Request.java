package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A device asks the server to act, on {@code dev/{device}/req}. Operations are idempotent by
 * {@code id}: a retried request gets the first answer again. The asking device is the one in
 * the topic, which the broker's access rules guarantee.
 */
public record Request(@JsonProperty(required = true) int v, String id, Operation op, ObjectNode args) {

    public Request {
        Check.version(v);
        Check.text(id, "id", 64);
        Check.present(op, "op");
        Check.present(args, "args");
    }

    public static Request of(String id, Operation op, ObjectNode args) {
        return new Request(MessageCodec.VERSION, id, op, args);
    }
}
