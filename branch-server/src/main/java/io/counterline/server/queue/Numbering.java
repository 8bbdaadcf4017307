package io.counterline.server.queue;

import io.counterline.server.config.ServiceConfig;
import io.counterline.server.store.Rows;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Today's numbers per service (docs/queue-policy.md, "Numbers"). Online tickets count up from
 * the service's {@code first}; blocks leased to kiosks for offline issuing are taken from the
 * top of the range down, so the first ticket of the day reads 001 whether or not kiosks hold
 * blocks. The two meet in the middle: when they do, the service is exhausted. No number is ever
 * handed out twice. Pure memory; the caller stores {@link #next} and the lease rows.
 */
final class Numbering {
    /** A block of numbers, {@code first..last}. */
    record Block(int first, int last) {
    }

    private final Map<String, Integer> next = new HashMap<>();
    /** Per service, the lowest number leased for offline issuing today (absent: none leased). */
    private final Map<String, Integer> offlineLow = new HashMap<>();

    /**
     * Rebuilds today's numbering from what the store holds: the next online number per service
     * and the day's leases. A lease below the online next is from before leases came from the top
     * (or was counted into it): it no longer bounds online numbering.
     */
    void reset(Map<String, Integer> storedNext, List<Rows.LeaseRow> leases) {
        next.clear();
        offlineLow.clear();
        next.putAll(storedNext);
        for (Rows.LeaseRow l : leases) {
            if (l.first() >= next.getOrDefault(l.service(), 1)) {
                offlineLow.merge(l.service(), l.first(), Math::min);
            }
        }
    }

    void clear() {
        next.clear();
        offlineLow.clear();
    }

    /** The next online number of the service (what to store). */
    int next(ServiceConfig s) {
        return next.getOrDefault(s.id(), s.first());
    }

    /** One past the highest number online issuing may use. */
    private int ceiling(ServiceConfig s) {
        return offlineLow.getOrDefault(s.id(), s.last() + 1);
    }

    /** Takes the next online number. */
    int takeOnline(ServiceConfig s) throws QueueException {
        int n = next(s);
        if (n >= ceiling(s)) {
            throw exhausted(s);
        }
        next.put(s.id(), n + 1);
        return n;
    }

    /** Leases up to {@code size} numbers (at least one) from the top of what is left. */
    Block lease(ServiceConfig s, int size) throws QueueException {
        int top = ceiling(s) - 1;
        int low = next(s);
        if (top < low) {
            throw exhausted(s);
        }
        int first = Math.max(low, top - Math.max(1, size) + 1);
        offlineLow.put(s.id(), first);
        return new Block(first, top);
    }

    /**
     * Notes a number a kiosk issued offline from a block this server may not know (a lease of an
     * older store, say), so it is never issued again. Moves whichever end is nearer, so a stray
     * number wastes as little of the range as it can.
     *
     * @return the block that must be recorded as leased, if the offline end moved
     */
    java.util.Optional<Block> noteOffline(ServiceConfig s, int seq) {
        int low = next(s);
        int ceiling = ceiling(s);
        if (seq < low || seq >= ceiling) {
            return java.util.Optional.empty(); // already given out online, or inside a known lease
        }
        if (seq - low <= ceiling - 1 - seq) {
            next.put(s.id(), seq + 1);
            return java.util.Optional.empty();
        }
        offlineLow.put(s.id(), seq);
        return java.util.Optional.of(new Block(seq, ceiling - 1));
    }

    private static QueueException exhausted(ServiceConfig s) {
        return QueueError.NUMBERS_EXHAUSTED.because(s.id() + " has given out all of " + s.number(s.first()) + ".."
                + s.number(s.last()));
    }
}
