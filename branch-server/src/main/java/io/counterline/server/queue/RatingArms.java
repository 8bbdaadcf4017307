package io.counterline.server.queue;

import io.counterline.protocol.Command;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each pad's arm not yet rated, as it was sent, so it can be given again when the broker has
 * lost it or the server restarted within the rating window. One open arm per pad: a newer arm
 * replaces the older. Pure memory, engine thread only; arms are also stored (with their pad),
 * and rebuilt from the store at start.
 */
final class RatingArms {
    private record Open(Command command, Instant expiresAt) {
    }

    private final Map<String, Open> byPad = new LinkedHashMap<>();

    void armed(Command command, Instant expiresAt) {
        byPad.put(command.device(), new Open(command, expiresAt));
    }

    /** The arm was rated: it is no longer open, whichever pad it went to. */
    void rated(String armId) {
        byPad.values().removeIf(o -> o.command().id().equals(armId));
    }

    /** The arms still open at {@code now}; the expired ones are dropped. */
    List<Command> open(Instant now) {
        byPad.values().removeIf(o -> !o.expiresAt().isAfter(now));
        List<Command> out = new ArrayList<>(byPad.size());
        byPad.values().forEach(o -> out.add(o.command()));
        return out;
    }

    void clear() {
        byPad.clear();
    }
}
