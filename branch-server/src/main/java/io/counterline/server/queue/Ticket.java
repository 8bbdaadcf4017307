package io.counterline.server.queue;

import io.counterline.protocol.TicketRef;
import io.counterline.server.store.Rows;
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

    /** Rebuilds a ticket from its store row. */
    static Ticket of(Rows.TicketRow r) {
        Ticket t = new Ticket(r.id(), r.day(), r.service(), r.seq(), r.number(), r.issuedAt(), r.source(), r.offline());
        t.status = TicketStatus.valueOf(r.status());
        t.directedCounter = r.directedCounter();
        t.counter = r.counter();
        t.teller = r.teller();
        t.calledAt = r.calledAt();
        t.startedAt = r.startedAt();
        t.finishedAt = r.finishedAt();
        t.recalls = r.recalls();
        return t;
    }

    /** The ticket as the store keeps it. */
    Rows.TicketRow row() {
        return new Rows.TicketRow(id, day, service, seq, number, issuedAt, source, offline, status.name(),
                directedCounter, counter, teller, calledAt, startedAt, finishedAt, recalls);
    }
}
