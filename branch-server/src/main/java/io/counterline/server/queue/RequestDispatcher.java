package io.counterline.server.queue;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a device's request: the same answer again for an id already answered (requests are
 * idempotent by id), {@code EXPIRED} without acting for one past its deadline ({@code clock.read}
 * excepted: it is answered with the time now, unstored), otherwise checks
 * the sender's role, decodes the arguments and hands the
 * operation to the kiosk's or the counter's desk. A refusal is an answer like any other, stored
 * with the request.
 */
final class RequestDispatcher {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Today today;
    private final BranchStore store;
    private final KioskDesk kiosks;
    private final TellerDesk tellers;
    private final Clock clock;
    private final CounterOrders orders;
    private final MessageCodec codec = new MessageCodec();

    /** A ticket finished this recently by the teller still counts as the customer at the counter. */
    static final java.time.Duration RECENT_CUSTOMER = java.time.Duration.ofMinutes(15);

    RequestDispatcher(Today today, BranchStore store, KioskDesk kiosks, TellerDesk tellers, Clock clock,
                      CounterOrders orders) {
        this.today = today;
        this.store = store;
        this.kiosks = kiosks;
        this.tellers = tellers;
        this.clock = clock;
        this.orders = orders;
    }

    Response answer(String device, Request request, PinCheck.Verdict pin) throws StoreException {
        if (request.op() == Operation.CLOCK_READ) {
            return readClock(device, request);
        }
        Optional<String> earlier = store.findResponse(device, request.id());
        if (earlier.isPresent()) {
            return codec.decode(earlier.get().getBytes(StandardCharsets.UTF_8), Response.class).orThrow();
        }
        if (request.expiredAt(clock.instant())) {
            // The device gave up waiting: acting now would do what nobody waits for (a ticket
            // besides the offline slip, a block leased again). Not stored: every copy of this id
            // carries the same deadline.
            log.info("{} {} {} expired at {}; not acted on", device, request.op().wire(), request.id(),
                    request.deadline());
            return Response.failed(request.id(), QueueError.EXPIRED.info());
        }
        Response response;
        try {
            response = Response.ok(request.id(), codec.toBody(perform(device, request, pin)));
        } catch (QueueException e) {
            log.debug("{} {} refused: {}", device, request.op().wire(), e.getMessage());
            response = Response.failed(request.id(), e.error().info());
        } catch (CounterOrders.Unavailable e) {
            // Not stored: the order's own store failed, so the same id asked again tries again.
            log.warn("{} {} {} not stored: {}", device, request.op().wire(), request.id(), e.getMessage());
            return Response.failed(request.id(), QueueError.STORE_ERROR.info());
        }
        store.saveResponse(device, request.id(), request.op().wire(), clock.instant(),
                new String(codec.encode(response), StandardCharsets.UTF_8));
        return response;
    }

    /**
     * The server's time, for the device's clock offset. Never stored and answered past its
     * deadline: it acts on nothing, and the device whose clock is off (so its deadline too) is the
     * one that needs it.
     */
    private Response readClock(String device, Request request) {
        try {
            BranchConfig.Device d = today.device(device).orElseThrow(() -> QueueError.NOT_ALLOWED.because(
                    "unknown device " + device));
            DeviceRoles.check(d.id(), d.role(), request.op());
            return Response.ok(request.id(), codec.toBody(new Bodies.ServerClock(clock.instant())));
        } catch (QueueException e) {
            return Response.failed(request.id(), e.error().info());
        }
    }

    private Object perform(String device, Request r, PinCheck.Verdict pin) throws QueueException, StoreException {
        BranchConfig.Device d = today.device(device).orElseThrow(() -> QueueError.NOT_ALLOWED.because(
                "unknown device " + device));
        DeviceRoles.check(d.id(), d.role(), r.op());
        return switch (r.op()) {
            case TICKET_ISSUE -> kiosks.issue(d.id(), args(r, Bodies.IssueTicket.class));
            case BLOCK_LEASE -> kiosks.lease(d.id(), args(r, Bodies.LeaseBlock.class));
            case TELLER_SIGN_IN -> tellers.signIn(seatOf(d), args(r, Bodies.SignIn.class), pin);
            case TELLER_SIGN_OUT -> tellers.signOut(seatOf(d));
            case CALL_NEXT -> tellers.callNext(seatOf(d));
            case CALL_TICKET -> tellers.callTicket(seatOf(d), args(r, Bodies.CallTicket.class));
            case CALL_RECALL -> tellers.recall(seatOf(d));
            case SERVICE_START -> tellers.start(seatOf(d));
            case SERVICE_COMPLETE -> tellers.complete(seatOf(d));
            case TICKET_NO_SHOW -> tellers.noShow(seatOf(d));
            case TICKET_TRANSFER -> tellers.transfer(seatOf(d), args(r, Bodies.Transfer.class));
            case COUNTER_PAUSE -> tellers.pause(seatOf(d), args(r, Bodies.Pause.class));
            case COUNTER_RESUME -> tellers.resume(seatOf(d));
            case CLOCK_READ -> throw new IllegalStateException("clock.read is answered by readClock");
            case ORDER_CREATE -> createOrder(d.id(), r, seatOf(d));
        };
    }

    /**
     * A work order for the customer at this counter: the teller signed in here, the ticket called
     * or served (or the one this teller finished last, within {@link #RECENT_CUSTOMER}).
     */
    private Bodies.OrderCreated createOrder(String device, Request r, CounterSeat seat) throws QueueException {
        Bodies.NewOrder order = args(r, Bodies.NewOrder.class);
        seat.requireSignedIn();
        Ticket ticket = seat.ticket != null ? seat.ticket : lastFinishedBy(seat);
        CounterOrders.AtCounter at = new CounterOrders.AtCounter(device + "/" + r.id(), device, seat.id(), seat.teller,
                ticket == null ? null : ticket.id, ticket == null ? null : ticket.number);
        try {
            return orders.create(at, order);
        } catch (IllegalArgumentException e) {
            throw QueueError.BAD_ARGS.because(e.getMessage());
        }
    }

    private Ticket lastFinishedBy(CounterSeat seat) {
        java.time.Instant after = clock.instant().minus(RECENT_CUSTOMER);
        Ticket last = null;
        for (Ticket t : today.tickets.all()) {
            if (seat.id().equals(t.counter) && seat.teller.equals(t.teller) && t.finishedAt != null
                    && t.finishedAt.isAfter(after) && (last == null || t.finishedAt.isAfter(last.finishedAt))) {
                last = t;
            }
        }
        return last;
    }

    private <T> T args(Request r, Class<T> type) throws QueueException {
        Decoded<T> d = codec.decodeBody(r.args(), type);
        if (d instanceof Decoded.Accepted<T> a) {
            return a.message();
        }
        throw QueueError.BAD_ARGS.because(((Decoded.Rejected<T>) d).rejection().toString());
    }

    /** The seat of a counter caller: the configuration guarantees each one a counter. */
    private CounterSeat seatOf(BranchConfig.Device d) throws QueueException {
        return d.counter().map(today.seats::get).orElseThrow(() -> QueueError.NOT_ALLOWED.because(
                d.id() + " has no counter"));
    }
}
