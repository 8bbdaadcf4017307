package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * A device asks the server to act, on {@code dev/{device}/req}. Operations are idempotent by
 * {@code id}: a retried request gets the first answer again. The asking device is the one in
 * the topic, which the broker's access rules guarantee.
 *
 * <p>{@code deadline} (optional, added within version 1: a request without one never expires) is
 * when the device stops waiting for the answer, by its own clock. The server does not start
 * acting on a request after its deadline (plus {@link #CLOCK_ALLOWANCE}); it answers
 * {@code EXPIRED}, unless it already acted on that id, in which case it gives the first answer
 * again. A device asking "what became of id X" sends X with its original deadline, so a
 * request the server never saw is never acted on late.
 */
public record Request(@JsonProperty(required = true) int v, String id, Operation op, ObjectNode args,
                      Instant deadline) {
    /**
     * How far a device's clock may run behind the server's before its requests look expired:
     * generous, because a kiosk whose requests all expire is a kiosk that is always offline.
     */
    public static final Duration CLOCK_ALLOWANCE = Duration.ofSeconds(30);

    public Request {
        Check.version(v);
        Check.text(id, "id", 64);
        Check.present(op, "op");
        Check.present(args, "args");
    }

    /** A request without a deadline (as devices of the first builds of version 1 send). */
    public static Request of(String id, Operation op, ObjectNode args) {
        return new Request(MessageCodec.VERSION, id, op, args, null);
    }

    public static Request of(String id, Operation op, ObjectNode args, Instant deadline) {
        return new Request(MessageCodec.VERSION, id, op, args, deadline);
    }

    /** Whether it is too late, at the server's {@code now}, to start acting on this request. */
    public boolean expiredAt(Instant now) {
        // now minus, not deadline plus: a deadline near Instant.MAX must not overflow.
        return deadline != null && now.minus(CLOCK_ALLOWANCE).isAfter(deadline);
    }
}
