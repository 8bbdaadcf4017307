package io.counterline.server.queue;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.TicketIds;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.config.ServiceConfig;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows;
import io.counterline.server.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies stored device events to the queue (docs/protocol.md, "Events"). Each is accepted only
 * from the device role that may send it ({@link DeviceRoles}) and only about that device's own
 * things: a kiosk voids only tickets it issued and merges only numbers of its own leases, a pad
 * rates only the arm sent to it. Values are bounded where they enter: an offline ticket's issue
 * time is brought within its business day and to the device's clock. Anything refused stays in
 * {@code device_events} for audits, is acknowledged like the rest and is counted; it never
 * changes the queue.
 */
final class DeviceEvents {
    private static final Logger log = LoggerFactory.getLogger(DeviceEvents.class);
    /** How far an offline ticket's issue time may be from the kiosk's clock when it sent the event. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(10);
    /** The oldest a stored event time may be: more than a device's outbox outlives an outage. */
    static final Duration OLDEST_EVENT = Duration.ofDays(30);

    private final Today today;
    private final BranchStore store;
    private final StateProjection projection;
    private final KioskDesk kiosks;
    private final Clock clock;
    private final MessageCodec codec = new MessageCodec();

    DeviceEvents(Today today, BranchStore store, StateProjection projection, KioskDesk kiosks, Clock clock) {
        this.today = today;
        this.store = store;
        this.projection = projection;
        this.kiosks = kiosks;
        this.clock = clock;
    }

    /** @return false when the event was refused (kept only as an event) */
    boolean apply(EventEnvelope e) throws StoreException {
        Optional<BranchConfig.Device> device = today.device(e.device());
        if (device.isEmpty() || !DeviceRoles.maySend(device.get().role(), e.type())) {
            return refuse(e, device.map(d -> "a " + d.role().wire() + " may not send it")
                    .orElse("the device is not in the branch configuration"));
        }
        switch (e.type()) {
            case SLIP_FAILED -> {
                Optional<Bodies.SlipOutcome> o = body(e, Bodies.SlipOutcome.class);
                return o.isPresent() && voidTicket(e, o.get());
            }
            case SLIP_PRINTED -> {
                Optional<Bodies.SlipOutcome> o = body(e, Bodies.SlipOutcome.class);
                return o.isPresent() && printed(e, o.get());
            }
            case TICKET_ISSUED_OFFLINE -> {
                Optional<Bodies.OfflineTicket> o = body(e, Bodies.OfflineTicket.class);
                return o.isPresent() && mergeOffline(e, o.get());
            }
            case RATING_GIVEN -> {
                Optional<Bodies.RatingGiven> r = body(e, Bodies.RatingGiven.class);
                return r.isPresent() && rate(e, r.get());
            }
            default -> {
                // display.manual, health.changed: kept in device_events for audits; the queue does not change.
                return true;
            }
        }
    }

    private boolean refuse(EventEnvelope e, String why) {
        log.warn("event {} ({}) of {} refused, kept only as an event: {}", e.id(), e.type().wire(), e.device(), why);
        return false;
    }

    private <T> Optional<T> body(EventEnvelope e, Class<T> type) {
        Decoded<T> d = codec.decodeBody(e.body(), type);
        if (d instanceof Decoded.Accepted<T> a) {
            return Optional.of(a.message());
        }
        refuse(e, "bad body: " + ((Decoded.Rejected<T>) d).rejection());
        return Optional.empty();
    }

    private boolean voidTicket(EventEnvelope e, Bodies.SlipOutcome failed) throws StoreException {
        Ticket t = today.tickets.get(failed.ticketId());
        if (t != null && !t.source.equals(e.device())) {
            return refuse(e, failed.ticketId() + " was issued by " + t.source + ", not by " + e.device());
        }
        if (t == null || t.status != TicketStatus.WAITING) {
            log.info("slip of {} failed, but the ticket is {}; left as it is", failed.ticketId(),
                    t == null ? "not today's" : t.status);
            return true;
        }
        today.tickets.setStatus(t, TicketStatus.VOIDED);
        t.finishedAt = clock.instant();
        store.saveTicket(t.row());
        store.logTicket(t.id, t.finishedAt, "voided", null, null, "slip failed: " + failed.reason());
        projection.servicesChanged();
        return true;
    }

    private boolean printed(EventEnvelope e, Bodies.SlipOutcome printed) throws StoreException {
        Ticket t = today.tickets.get(printed.ticketId());
        if (t == null) {
            return true;
        }
        if (!t.source.equals(e.device())) {
            return refuse(e, printed.ticketId() + " was issued by " + t.source);
        }
        store.logTicket(t.id, boundedAt(e), "printed", null, null, e.device());
        return true;
    }

    private boolean mergeOffline(EventEnvelope e, Bodies.OfflineTicket o) throws StoreException {
        String kiosk = e.device();
        if (today.tickets.contains(o.ticketId())) {
            return true;
        }
        Optional<ServiceConfig> s = today.serviceConfig(o.service());
        if (s.isEmpty() || o.sequence() < s.get().first() || o.sequence() > s.get().last()
                || !o.number().equals(s.get().number(o.sequence()))
                || !o.ticketId().equals(TicketIds.of(today.config.branch().id(), o.businessDay(), o.number()))) {
            return refuse(e, "offline ticket " + o.ticketId() + " does not match the branch's services");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(o.businessDay());
        } catch (DateTimeParseException bad) {
            return refuse(e, "business day " + o.businessDay() + " is not a date");
        }
        if (day.isAfter(today.day.current())) {
            return refuse(e, "offline ticket " + o.ticketId() + " is for a day that has not begun");
        }
        boolean isToday = day.equals(today.day.current());
        Optional<String> owner = isToday ? leaseHolder(s.get(), o.sequence()) : Optional.empty();
        if (owner.isPresent() && !owner.get().equals(kiosk)) {
            return refuse(e, o.number() + " is leased to " + owner.get() + ", not to " + kiosk);
        }
        Ticket clash = today.tickets.byNumber(o.number());
        if (isToday && clash != null) {
            return refuse(e, "offline ticket " + o.ticketId() + " clashes with " + clash.id);
        }
        Instant issuedAt = boundedIssueTime(e, o, day);
        Ticket t = new Ticket(o.ticketId(), o.businessDay(), o.service(), o.sequence(), o.number(), issuedAt, kiosk,
                true);
        if (!isToday) {
            if (store.hasTicket(t.id)) {
                return refuse(e, "offline ticket " + t.id + " of a past day is already held");
            }
            t.status = TicketStatus.EXPIRED;
            store.saveTicket(t.row());
            store.logTicket(t.id, clock.instant(), "expired", null, null, "issued offline on a past day");
            return true;
        }
        kiosks.add(t);
        if (owner.isEmpty()) {
            // Not from a lease this server knows: still never hand the number out again.
            int nextBefore = today.numbering.next(s.get());
            Optional<Numbering.Block> reserved = today.numbering.noteOffline(s.get(), o.sequence());
            if (reserved.isPresent()) {
                store.insertLease(new Rows.LeaseRow(kiosk, today.day.text(), s.get().id(), reserved.get().first(),
                        reserved.get().last()));
            } else if (today.numbering.next(s.get()) != nextBefore) {
                store.saveNumber(today.day.text(), s.get().id(), today.numbering.next(s.get()));
            }
        }
        store.logTicket(t.id, clock.instant(), "merged", null, null, "issued offline by " + kiosk);
        return true;
    }

    private Optional<String> leaseHolder(ServiceConfig s, int seq) throws StoreException {
        for (Rows.LeaseRow l : store.leases(today.day.text())) {
            if (l.service().equals(s.id()) && seq >= l.first() && seq <= l.last()) {
                return Optional.of(l.device());
            }
        }
        return Optional.empty();
    }

    /**
     * The issue time the queue ranks by: the kiosk's, unless it is far from the kiosk's own clock
     * when it sent the event (then the send time), and never outside the ticket's business day
     * or after now: a wild value must not jump the queue or break the arithmetic of ranking.
     */
    private Instant boundedIssueTime(EventEnvelope e, Bodies.OfflineTicket o, LocalDate day) {
        Instant t = o.issuedAt();
        if (Duration.between(e.at(), t).abs().compareTo(CLOCK_TOLERANCE) > 0) {
            t = e.at();
        }
        Instant began = today.began(day);
        Instant ends = today.began(day.plusDays(1)).minusMillis(1);
        Instant now = clock.instant();
        Instant latest = ends.isBefore(now) ? ends : now;
        if (t.isBefore(began)) {
            t = began;
        }
        if (t.isAfter(latest)) {
            t = latest.isBefore(began) ? began : latest;
        }
        if (!t.equals(o.issuedAt())) {
            log.warn("offline ticket {} of {} said it was issued at {}; ranked as issued at {}", o.ticketId(),
                    e.device(), o.issuedAt(), t);
        }
        return t;
    }

    private boolean rate(EventEnvelope e, Bodies.RatingGiven r) throws StoreException {
        Optional<Rows.ArmRow> arm = store.findArm(r.armId());
        if (arm.isEmpty() || !arm.get().ticket().equals(r.ticketId())) {
            return refuse(e, "rating names no arm this server gave for " + r.ticketId());
        }
        Rows.ArmRow a = arm.get();
        if (!sentTo(a, e.device())) {
            return refuse(e, "arm " + a.id() + " was not sent to " + e.device());
        }
        boolean fresh = store.insertRating(new Rows.RatingRow(a.ticket(), a.id(), a.counter(), a.teller(),
                r.level(), boundedAt(e), e.id()));
        if (!fresh) {
            log.info("ticket {} already has a rating; {} ignored", a.ticket(), e.id());
            return true;
        }
        store.logTicket(a.ticket(), boundedAt(e), "rated", a.counter(), a.teller(), r.level().wire());
        today.rated(a.teller(), r.level());
        today.arms.rated(a.id());
        projection.clearCommand(e.device());
        pushTellerDay(a.teller());
        return true;
    }

    /**
     * A rating changes the teller's day without any teller action: the callers of the counter
     * the teller is signed in at get it now ({@code teller.day}), not with their next answer.
     * Not retained: a caller that reconnects gets the day with its next answer.
     */
    private void pushTellerDay(String teller) {
        if (teller == null) {
            return;
        }
        Instant now = clock.instant();
        for (CounterSeat seat : today.seats.values()) {
            if (!teller.equals(seat.teller)) {
                continue;
            }
            Bodies.TellerDayUpdate update = new Bodies.TellerDayUpdate(teller, today.tellerDay(teller));
            for (BranchConfig.Device caller : today.devices()) {
                if (caller.role() == DeviceRole.COUNTER_CALLER && caller.counter().filter(seat.id()::equals).isPresent()) {
                    projection.command(new Command(MessageCodec.VERSION, UUID.randomUUID().toString(), caller.id(),
                            CommandType.TELLER_DAY, now, codec.toBody(update)), false);
                }
            }
        }
    }

    /**
     * When a device says something happened, as stored for reports: never after now, and never
     * before the oldest an outbox could still hold it ({@link #OLDEST_EVENT}).
     */
    private Instant boundedAt(EventEnvelope e) {
        Instant now = clock.instant();
        if (e.at().isAfter(now)) {
            return now;
        }
        Instant oldest = now.minus(OLDEST_EVENT);
        return e.at().isBefore(oldest) ? oldest : e.at();
    }

    /** Arms stored before schema 3 do not name their pad: then any pad of the arm's counter. */
    private boolean sentTo(Rows.ArmRow arm, String pad) {
        if (arm.pad() != null) {
            return arm.pad().equals(pad);
        }
        return today.device(pad).flatMap(BranchConfig.Device::counter).filter(arm.counter()::equals)
                .isPresent();
    }
}
