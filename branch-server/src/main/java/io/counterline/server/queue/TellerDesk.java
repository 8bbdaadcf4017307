package io.counterline.server.queue;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.CallsState;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.TellerRef;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.config.CounterConfig;
import io.counterline.server.config.TellerConfig;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows;
import io.counterline.server.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a counter caller asks of the engine (docs/queue-policy.md, "Teller actions"): the
 * counter's state machine ({@link CounterSeat}) applied to today's tickets, each change stored
 * and marked for the state projection.
 */
final class TellerDesk {
    private static final Logger log = LoggerFactory.getLogger(TellerDesk.class);

    private final Today today;
    private final BranchStore store;
    private final StateProjection projection;
    private final RoutingPolicy routing;
    private final Clock clock;
    private final MessageCodec codec = new MessageCodec();

    TellerDesk(Today today, BranchStore store, StateProjection projection, Clock clock) {
        this.today = today;
        this.store = store;
        this.projection = projection;
        this.clock = clock;
        this.routing = new RoutingPolicy(today.config.queue().ageingStep());
    }

    Bodies.CounterReply signIn(CounterSeat seat, Bodies.SignIn args, PinCheck.Verdict pin)
            throws QueueException, StoreException {
        TellerConfig teller = today.roster.teller(args.teller())
                .orElseThrow(() -> QueueError.UNKNOWN_TELLER.because(args.teller()));
        if (today.counterDisabled(seat.id()) && !teller.id().equals(seat.teller)) {
            // Whoever is signed in already stays (no one is thrown out mid-customer); nobody new.
            throw QueueError.COUNTER_DISABLED.because(seat.id());
        }
        if (pin instanceof PinCheck.Verdict.Locked l) {
            throw QueueError.PIN_LOCKED.because(teller.id() + " or " + seat.id() + " until " + l.until());
        } else if (pin instanceof PinCheck.Verdict.Wrong w) {
            saveLockouts(w.counted());
            log.warn("wrong PIN for {} at {} ({} in a row)", teller.id(), seat.id(), w.counted().get(0).failures());
            throw QueueError.BAD_PIN.because(teller.id());
        } else if (pin instanceof PinCheck.Verdict.Right r) {
            saveLockouts(r.cleared());
        } else {
            throw QueueError.BAD_PIN.because(teller.id() + " not checked");
        }
        for (CounterSeat other : today.seats.values()) {
            if (other != seat && teller.id().equals(other.teller)) {
                throw QueueError.TELLER_ELSEWHERE.because(teller.id() + " at " + other.id());
            }
        }
        if (seat.signIn(teller.id(), clock.instant())) {
            saveSeat(seat);
        }
        return reply(seat);
    }

    private void saveLockouts(List<Rows.LockoutRow> rows) throws StoreException {
        for (Rows.LockoutRow row : rows) {
            store.saveLockout(row);
        }
    }

    Bodies.CounterReply signOut(CounterSeat seat) throws QueueException, StoreException {
        Instant now = clock.instant();
        String teller = seat.signOut(now);
        saveSeat(seat);
        undirect(seat, now);
        Bodies.CounterReply reply = reply(seat);
        return new Bodies.CounterReply(reply.counter(), tellerDay(teller));
    }

    /** Tickets transferred to a counter nobody is at any more go back to their service's queue. */
    private void undirect(CounterSeat seat, Instant now) throws StoreException {
        for (Ticket t : today.tickets.waiting()) {
            if (seat.id().equals(t.directedCounter)) {
                t.directedCounter = null;
                store.saveTicket(t.row());
                store.logTicket(t.id, now, "undirected", seat.id(), null, "counter closed; back to service " + t.service);
                projection.servicesChanged();
            }
        }
    }

    Bodies.CounterReply callNext(CounterSeat seat) throws QueueException, StoreException {
        seat.requireSignedIn();
        seat.requireNotPaused();
        Instant now = clock.instant();
        Optional<RoutingPolicy.Choice> choice = routing.choose(seat.id(), today.served(seat),
                today.tickets.waiting(), now);
        if (choice.isEmpty() && seat.ticket == null) {
            throw QueueError.NO_TICKET_WAITING.get();
        }
        if (seat.ticket != null) {
            // One button does it all at a counter without a screen: finish, then call.
            finish(seat, now);
        }
        if (choice.isPresent()) {
            call(seat, choice.get().ticket(), choice.get().reason(), now);
        }
        return reply(seat);
    }

    Bodies.CounterReply callTicket(CounterSeat seat, Bodies.CallTicket args) throws QueueException, StoreException {
        seat.requireSignedIn();
        seat.requireNotPaused();
        seat.requireNobodyAtCounter();
        Ticket t = today.tickets.byNumber(args.number());
        if (t == null || t.status != TicketStatus.WAITING) {
            throw QueueError.UNKNOWN_TICKET.because(args.number());
        }
        boolean here = t.directedCounter != null ? t.directedCounter.equals(seat.id()) : today.serves(seat, t.service);
        if (!here) {
            throw QueueError.NOT_SERVED_HERE.because(t.number + " is for " + t.service);
        }
        call(seat, t, "called by number", clock.instant());
        return reply(seat);
    }

    Bodies.CounterReply recall(CounterSeat seat) throws QueueException, StoreException {
        seat.requireSignedIn();
        Ticket t = seat.calledNotStarted(" is being served");
        if (t.recalls >= today.config.queue().recallLimit()) {
            throw QueueError.RECALL_LIMIT.because(t.recalls + " recalls");
        }
        t.recalls++;
        store.saveTicket(t.row());
        recordCall(seat, t, "recall " + t.recalls, clock.instant());
        return reply(seat);
    }

    Bodies.CounterReply start(CounterSeat seat) throws QueueException, StoreException {
        seat.requireSignedIn();
        Ticket t = seat.calledNotStarted(" is being served");
        Instant now = clock.instant();
        today.tickets.setStatus(t, TicketStatus.SERVING);
        t.startedAt = now;
        store.saveTicket(t.row());
        store.logTicket(t.id, now, "started", seat.id(), seat.teller, null);
        seat.serving(now);
        saveSeat(seat);
        return reply(seat);
    }

    Bodies.CounterReply complete(CounterSeat seat) throws QueueException, StoreException {
        seat.requireSignedIn();
        seat.current();
        finish(seat, clock.instant());
        return reply(seat);
    }

    Bodies.CounterReply noShow(CounterSeat seat) throws QueueException, StoreException {
        seat.requireSignedIn();
        Ticket t = seat.calledNotStarted(" is being served");
        Instant now = clock.instant();
        today.tickets.setStatus(t, TicketStatus.NO_SHOW);
        t.finishedAt = now;
        store.saveTicket(t.row());
        store.logTicket(t.id, now, "no-show", seat.id(), seat.teller, null);
        free(seat, now);
        return reply(seat);
    }

    Bodies.CounterReply transfer(CounterSeat seat, Bodies.Transfer args) throws QueueException, StoreException {
        seat.requireSignedIn();
        Ticket t = seat.current();
        if (args.toService() != null) {
            today.service(args.toService());
        } else {
            CounterSeat target = today.seats.get(args.toCounter());
            if (target == null) {
                throw QueueError.UNKNOWN_COUNTER.because(args.toCounter());
            }
            if (target.teller == null) {
                // Nobody there would ever call it: the customer would wait for good.
                throw QueueError.COUNTER_UNSTAFFED.because(target.id());
            }
        }
        Instant now = clock.instant();
        // Back in the queue with its original issue time, so it keeps its place by age.
        t.counter = null;
        t.teller = null;
        t.calledAt = null;
        t.startedAt = null;
        t.recalls = 0;
        if (args.toService() != null) {
            t.service = args.toService();
            t.directedCounter = null;
        } else {
            t.directedCounter = args.toCounter();
        }
        today.tickets.setStatus(t, TicketStatus.WAITING);
        store.saveTicket(t.row());
        store.logTicket(t.id, now, "transferred", seat.id(), seat.teller,
                args.toService() != null ? "to service " + args.toService() : "to counter " + args.toCounter());
        free(seat, now);
        projection.servicesChanged();
        return reply(seat);
    }

    Bodies.CounterReply pause(CounterSeat seat, Bodies.Pause args) throws QueueException, StoreException {
        seat.pause(args.reason(), clock.instant());
        saveSeat(seat);
        return reply(seat);
    }

    Bodies.CounterReply resume(CounterSeat seat) throws QueueException, StoreException {
        seat.resume(clock.instant());
        saveSeat(seat);
        return reply(seat);
    }

    // ------------------------------------------------------------ shared steps

    private void call(CounterSeat seat, Ticket t, String reason, Instant now) throws StoreException {
        today.tickets.setStatus(t, TicketStatus.CALLED);
        t.counter = seat.id();
        t.teller = seat.teller;
        t.calledAt = now;
        t.recalls = 0;
        store.saveTicket(t.row());
        seat.calling(t, now);
        recordCall(seat, t, reason, now);
        projection.servicesChanged();
    }

    private void recordCall(CounterSeat seat, Ticket t, String reason, Instant now) throws StoreException {
        String callId = UUID.randomUUID().toString();
        seat.callId = callId;
        saveSeat(seat);
        store.insertCall(new Rows.CallRow(callId, t.id, t.number, seat.id(), seat.teller, now, t.recalls, reason));
        store.logTicket(t.id, now, t.recalls == 0 ? "called" : "recalled", seat.id(), seat.teller, reason);
        CounterConfig named = today.named(seat.config);
        today.calls.add(new CallsState.Call(callId, t.id, t.number, seat.id(), named.nameZh(), named.nameEn(),
                t.recalls, now));
        projection.callsChanged();
    }

    /** Completes the seat's ticket and arms the counter's rating pads. */
    private void finish(CounterSeat seat, Instant now) throws StoreException {
        Ticket t = seat.ticket;
        today.tickets.setStatus(t, TicketStatus.COMPLETED);
        t.finishedAt = now;
        store.saveTicket(t.row());
        store.logTicket(t.id, now, "completed", seat.id(), seat.teller, null);
        today.estimator.served(t.service, Duration.between(t.startedAt != null ? t.startedAt : t.calledAt, now));
        arm(seat, t, now);
        free(seat, now);
        projection.servicesChanged();
    }

    private void arm(CounterSeat seat, Ticket t, Instant now) throws StoreException {
        TellerRef teller = today.tellerRef(seat.teller).orElse(null);
        for (BranchConfig.Device pad : today.devices()) {
            if (pad.role() == DeviceRole.RATING_PAD && pad.counter().filter(seat.id()::equals).isPresent()) {
                String armId = UUID.randomUUID().toString();
                Instant expires = now.plus(today.config.queue().ratingTimeout());
                store.insertArm(new Rows.ArmRow(armId, t.id, seat.id(), seat.teller, expires, pad.id(), now));
                Command c = armCommand(armId, pad.id(), t, teller, seat.id(), expires, now);
                // Retained: a pad that reconnects within the timeout still gets its arm.
                today.arms.armed(c, expires);
                projection.command(c, true);
            }
        }
    }

    /** The {@code rating.arm} command; rebuilt the same from the store after a restart. */
    Command armCommand(String armId, String pad, Ticket t, TellerRef teller, String counter, Instant expires,
                       Instant armedAt) {
        return new Command(MessageCodec.VERSION, armId, pad, CommandType.RATING_ARM, armedAt,
                codec.toBody(new Bodies.RatingArm(armId, t.ref(), teller, counter, expires,
                        Math.max(1, Duration.between(armedAt, expires).toMillis()),
                        teller == null ? null : today.roster.photo(teller.id()).orElse(null))));
    }

    private void free(CounterSeat seat, Instant now) throws StoreException {
        seat.free(now);
        saveSeat(seat);
    }

    private void saveSeat(CounterSeat seat) throws StoreException {
        store.saveCounter(seat.row());
        projection.counterChanged(seat.id());
    }

    Bodies.CounterReply reply(CounterSeat seat) {
        return new Bodies.CounterReply(projection.counterState(seat), seat.teller == null ? null : tellerDay(seat.teller));
    }

    private Bodies.TellerDay tellerDay(String teller) {
        return today.tellerDay(teller);
    }
}
