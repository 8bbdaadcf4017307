package io.counterline.server.queue;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The business day's tickets in memory, by id and by number, with the waiting ones indexed by
 * service, so that counting or choosing among the waiting never scans the whole day. Every
 * status change goes through {@link #setStatus}, which keeps the index true. Engine thread only.
 */
final class TodaysTickets {
    private final Map<String, Ticket> byId = new LinkedHashMap<>();
    private final Map<String, Ticket> byNumber = new HashMap<>();
    private final Map<String, Set<Ticket>> waitingByService = new HashMap<>();

    /** Puts a ticket of today into memory (and the waiting index, if it waits). */
    void add(Ticket t) {
        byId.put(t.id, t);
        byNumber.put(t.number, t);
        if (t.status == TicketStatus.WAITING) {
            waitingByService.computeIfAbsent(t.service, k -> new LinkedHashSet<>()).add(t);
        }
    }

    /** The one way a ticket of today changes status. */
    void setStatus(Ticket t, TicketStatus status) {
        unindex(t);
        t.status = status;
        if (status == TicketStatus.WAITING) {
            waitingByService.computeIfAbsent(t.service, k -> new LinkedHashSet<>()).add(t);
        }
    }

    private void unindex(Ticket t) {
        if (t.status == TicketStatus.WAITING) {
            Set<Ticket> w = waitingByService.get(t.service);
            if (w != null) {
                w.remove(t);
            }
        }
    }

    Ticket get(String id) {
        return byId.get(id);
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    Ticket byNumber(String number) {
        return byNumber.get(number);
    }

    int size() {
        return byId.size();
    }

    Collection<Ticket> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** Every waiting ticket, of all services. */
    List<Ticket> waiting() {
        return waitingByService.values().stream().flatMap(Set::stream).toList();
    }

    int waitingCount(String service) {
        Set<Ticket> w = waitingByService.get(service);
        return w == null ? 0 : w.size();
    }

    void clear() {
        byId.clear();
        byNumber.clear();
        waitingByService.clear();
    }
}
