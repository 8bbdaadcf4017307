package io.counterline.server.queue;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.TicketIds;
import io.counterline.server.config.ServiceConfig;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows;
import io.counterline.server.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a kiosk asks of the engine: a ticket now, or a block of numbers for when it is offline. */
final class KioskDesk {
    private static final Logger log = LoggerFactory.getLogger(KioskDesk.class);

    private final Today today;
    private final BranchStore store;
    private final StateProjection projection;
    private final Clock clock;

    KioskDesk(Today today, BranchStore store, StateProjection projection, Clock clock) {
        this.today = today;
        this.store = store;
        this.projection = projection;
        this.clock = clock;
    }

    Bodies.IssuedTicket issue(String kiosk, Bodies.IssueTicket args) throws QueueException, StoreException {
        ServiceConfig s = today.service(args.service());
        Instant now = clock.instant();
        if (!s.isOpenAt(today.localTime(now))) {
            throw QueueError.SERVICE_CLOSED.because(s.id() + " is open " + s.hours());
        }
        int n = today.numbering.takeOnline(s);
        store.saveNumber(today.day.text(), s.id(), today.numbering.next(s));
        Ticket t = new Ticket(TicketIds.of(today.config.branch().id(), today.day.text(), s.number(n)), today.day.text(),
                s.id(), n, s.number(n), now, kiosk, false);
        add(t);
        store.logTicket(t.id, now, "issued", null, null, kiosk);
        int ahead = today.tickets.waitingCount(s.id()) - 1;
        return new Bodies.IssuedTicket(t.ref(), s.nameZh(), s.nameEn(), today.config.branch().name(), ahead,
                today.estimateSeconds(s.id(), ahead));
    }

    Bodies.BlockLease lease(String kiosk, Bodies.LeaseBlock args) throws QueueException, StoreException {
        ServiceConfig s = today.service(args.service());
        Numbering.Block block = today.numbering.lease(s, args.size());
        store.insertLease(new Rows.LeaseRow(kiosk, today.day.text(), s.id(), block.first(), block.last()));
        log.info("{} leased {}{}..{} for {}", kiosk, s.prefix(), block.first(), block.last(), today.day.text());
        return new Bodies.BlockLease(s.id(), s.prefix(), today.day.text(), block.first(), block.last());
    }

    /** A new ticket of today, in memory and in the store. */
    void add(Ticket t) throws StoreException {
        today.tickets.add(t);
        store.saveTicket(t.row());
        projection.servicesChanged();
    }
}
