package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A push from the server to one device on {@code dev/{device}/cmd}, e.g. arm a rating. */
public record Command(@JsonProperty(required = true) int v, String id, String device, CommandType type,
                      Instant at, ObjectNode body) implements FromDevice {

    public Command {
        Check.version(v);
        Check.text(id, "id", 64);
        Check.id(device, "device");
        Check.present(type, "type");
        Check.present(at, "at");
        Check.present(body, "body");
    }
}
