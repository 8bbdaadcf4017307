package io.counterline.server.queue;

import io.counterline.protocol.TicketRef;
import java.time.Instant;

/**
 * One queue ticket. Mutable, and confined to the engine thread; every change is written to the
 * store in the same transaction as the request that made it.
 *
 * @see QueueEngine
 */
public final class Ticket {
    final String id;
    final String day;
    final String source;
    final boolean offline;
    final int seq;
    final String number;
    final Instant issuedAt;
    String service;
    TicketStatus status = TicketStatus.WAITING;
    /** Set by a transfer to a counter: only that counter may call it, before anything else. */
    String directedCounter;
    String counter;
    String teller;
    Instant calledAt;
    Instant startedAt;
    Instant finishedAt;
    int recalls;

    Ticket(String id, String day, String service, int seq, String number, Instant issuedAt, String source,
           boolean offline) {
        this.id = id;
        this.day = day;
        this.service = service;
        this.seq = seq;
        this.number = number;
        this.issuedAt = issuedAt;
        this.source = source;
        this.offline = offline;
    }

    public TicketRef ref() {
        return new TicketRef(id, number, service, issuedAt);
    }

    public String id() {
        return id;
    }

    public String day() {
        return day;
    }

    public String service() {
        return service;
    }

    public int seq() {
        return seq;
    }

    public String number() {
        return number;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public String source() {
        return source;
    }

    public boolean offline() {
        return offline;
    }

    public TicketStatus status() {
        return status;
    }

    public String directedCounter() {
        return directedCounter;
    }

    public String counter() {
        return counter;
    }

    public String teller() {
        return teller;
    }

    public Instant calledAt() {
        return calledAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public int recalls() {
        return recalls;
    }

    /** Rebuilds a ticket from the store. */
    public static Ticket restore(String id, String day, String service, int seq, String number, Instant issuedAt,
                                 String source, boolean offline, TicketStatus status, String directedCounter,
                                 String counter, String teller, Instant calledAt, Instant startedAt,
                                 Instant finishedAt, int recalls) {
        Ticket t = new Ticket(id, day, service, seq, number, issuedAt, source, offline);
        t.status = status;
        t.directedCounter = directedCounter;
        t.counter = counter;
        t.teller = teller;
        t.calledAt = calledAt;
        t.startedAt = startedAt;
        t.finishedAt = finishedAt;
        t.recalls = recalls;
        return t;
    }
}
