package io.counterline.kiosk.ticket;

import io.counterline.device.DeviceRuntime;
import io.counterline.device.ModelLoop;
import io.counterline.kiosk.KioskSettings;
import io.counterline.kiosk.offline.LeaseBook;
import io.counterline.kiosk.offline.OfflineNumber;
import io.counterline.kiosk.printer.PrintException;
import io.counterline.kiosk.printer.PrinterStatus;
import io.counterline.kiosk.printer.Slip;
import io.counterline.kiosk.printer.SlipPrinter;
import io.counterline.messaging.BusException;
import io.counterline.messaging.RequestClient.RequestTimeoutException;
import io.counterline.messaging.RequestClient.Unanswered;
import io.counterline.outbox.OutboxException;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DayState;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import io.counterline.protocol.ServicesState;
import io.counterline.protocol.ServicesState.Service;
import io.counterline.protocol.TicketIds;
import io.counterline.protocol.WaitTime;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that changes the kiosk's model: every action runs on one thread named
 * {@value #THREAD}, one at a time, in order. The screen and the physical buttons are views
 * that call {@link #press}; bus callbacks hand state, connection changes and late answers here.
 *
 * <p>A press asks the server ({@code ticket.issue}) and prints on this thread, so nothing
 * stands between the answer and the first slip byte. Durable order, online: answer → print →
 * {@code slip.printed}/{@code slip.failed}. Offline (no answer within {@code device.request-timeout}
 * or no broker): number marked used in the lease file → {@code ticket.issued-offline} in the
 * outbox → print → outcome. A ticket is never printed that the branch will not hear of.
 *
 * <p>Listeners get each new {@link KioskState} on the controller thread and must return at once
 * (the screen hands it to {@code Platform.runLater}).
 */
public final class KioskController implements AutoCloseable {
    public static final String THREAD = "kiosk";
    static final String LATE_REASON = "answer came too late; customer got an offline slip";
    private static final Logger log = LoggerFactory.getLogger(KioskController.class);
    /** How long closing lets an action in progress (a slip being printed) finish. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final KioskSettings settings;
    private final DeviceRuntime runtime;
    private final SlipPrinter printer;
    private final LeaseBook leases;
    private final UnansweredBook unanswered;
    private final ModelLoop<KioskState> loop;
    private final AtomicBoolean pressing = new AtomicBoolean();

    // The model and its bookkeeping: confined to the controller thread.
    private Language language;
    private ServicesState services;
    private DayState day;
    private boolean connected;
    private boolean serverReachable = true;
    private PrinterStatus printerStatus = PrinterStatus.READY;
    private boolean issuing;
    private Optional<TicketOutcome> outcome = Optional.empty();
    private long outcomeShown;
    private Slip lastSlip;
    private final Map<String, Integer> numbersLeft = new HashMap<>();
    private final Map<String, Integer> issuedOfflineSinceState = new HashMap<>();
    /**
     * Services with a {@code block.lease} out: sent and not yet answered, or unanswered and being
     * asked again. No second lease is sent for such a service, so an outage never piles up leases
     * that a returning server would all grant.
     */
    private final Set<String> leasing = new HashSet<>();

    /**
     * @param leases     the kiosk's lease file; owned by the caller
     * @param unanswered where unanswered requests are kept until settled; owned by the caller
     */
    public KioskController(KioskSettings settings, DeviceRuntime runtime, SlipPrinter printer, LeaseBook leases,
                           UnansweredBook unanswered) {
        this.settings = settings;
        this.runtime = runtime;
        this.printer = printer;
        this.leases = leases;
        this.unanswered = unanswered;
        this.language = settings.defaultLanguage();
        this.loop = new ModelLoop<>(THREAD, snapshot(), CLOSE_WAIT);
    }

    // ---- actions (any thread) ----

    /**
     * Issues a ticket of {@code serviceId} and prints its slip. Returns at once; the future
     * completes on the controller thread. A press while another is handled is refused
     * ({@link TicketOutcome#BUSY}), so a double tap gives one ticket.
     */
    public CompletableFuture<TicketOutcome> press(String serviceId) {
        if (!pressing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(new TicketOutcome.Refused(TicketOutcome.BUSY,
                    "正在出票，请稍候", "Printing your ticket, one moment"));
        }
        return loop.call(() -> {
            try {
                return issue(serviceId);
            } finally {
                pressing.set(false);
            }
        }).whenComplete((outcome, error) -> {
            if (error instanceof RejectedExecutionException) {
                pressing.set(false); // closed: the action never ran
            }
        });
    }

    /** Switches the screen between Chinese and English until the next ticket is taken. */
    public void toggleLanguage() {
        submit(() -> {
            language = language.other();
            publish();
        });
    }

    /** Leaves the confirmation for the start screen now (the customer touched it). */
    public void dismiss() {
        submit(this::backToStart);
    }

    /** Prints the printer's test page; completes with the problem, empty when it printed. */
    public CompletableFuture<Optional<String>> testPrint() {
        return call(() -> printAdmin(null));
    }

    /** Prints the last slip again (no event: its outcome is recorded); the problem, empty when printed. */
    public CompletableFuture<Optional<String>> reprintLast() {
        return call(() -> lastSlip == null ? Optional.of("no slip printed yet") : printAdmin(lastSlip));
    }

    public void servicesChanged(ServicesState state) {
        submit(() -> {
            services = state;
            issuedOfflineSinceState.clear();
            refreshNumbersLeft();
            publish();
            topUpLeases();
        });
    }

    public void dayChanged(DayState state) {
        submit(() -> {
            day = state;
            try {
                leases.forgetBefore(state.businessDay());
            } catch (SQLException e) {
                log.error("old leased blocks not dropped: {}", e.getMessage());
            }
            refreshNumbersLeft();
            publish();
            topUpLeases();
        });
    }

    /**
     * On reconnect every unanswered request is asked again with its own id and deadline
     * ({@code RequestClient.askAgainAll}). The server answers a repeated id with what it did the
     * first time, so a ticket it issued while the answer was lost (a broker that died in between)
     * comes back as a late answer and is voided; a request it never saw is answered
     * {@code EXPIRED}, and nothing was done.
     */
    public void connectionChanged(boolean up) {
        submit(() -> {
            connected = up;
            if (up) {
                runtime.requests().askAgainAll(runtime.settings().requestTimeout());
                topUpLeases();
            }
            publish();
        });
    }

    /** The printer's status as polled; reported as the device's "printer" health. */
    public void printerStatus(PrinterStatus status) {
        submit(() -> updatePrinter(status));
    }

    /** An answer to a request that had timed out, late or to a repeat ({@code RequestClient.UnansweredListener}). */
    public void lateAnswer(Unanswered asked, Response response) {
        submit(() -> onLateAnswer(asked, response));
    }

    /**
     * Takes back the requests a previous run left unanswered (kept in {@link UnansweredBook}) and
     * asks what became of them once connected; a lease among them keeps its service from leasing
     * again until it is settled.
     */
    public void resumeUnanswered() {
        submit(() -> {
            List<Unanswered> kept;
            try {
                kept = unanswered.all();
            } catch (SQLException e) {
                log.error("unanswered requests of the last run not read: {}", e.getMessage());
                return;
            }
            for (Unanswered u : kept) {
                log.info("asking again what became of {} {} from before the restart", u.op().wire(), u.id());
                runtime.requests().remember(u);
                if (u.op() == Operation.BLOCK_LEASE) {
                    runtime.codec().decodeBody(u.args(), Bodies.LeaseBlock.class).ifAccepted(
                            l -> leasing.add(l.service()), r -> log.error("unreadable lease args: {}", r));
                }
            }
            if (!kept.isEmpty() && runtime.isConnected()) {
                runtime.requests().askAgainAll(runtime.settings().requestTimeout());
            }
        });
    }

    /**
     * A request timed out and is now remembered: kept on disk at once (on the caller's thread, before
     * its answer can be heard), so that a restart still settles it.
     */
    public void unanswered(Unanswered asked) {
        try {
            unanswered.add(asked);
        } catch (SQLException e) {
            log.error("unanswered {} {} not kept on disk: {}", asked.op().wire(), asked.id(), e.getMessage());
        }
    }

    /** An unanswered request the request client gave up asking about: its service may lease again. */
    public void abandoned(Unanswered asked) {
        submit(() -> {
            settled(asked);
            if (asked.op() == Operation.BLOCK_LEASE) {
                runtime.codec().decodeBody(asked.args(), Bodies.LeaseBlock.class)
                        .ifAccepted(l -> leasing.remove(l.service()), r -> log.error("unreadable lease args: {}", r));
                topUpLeases();
            }
        });
    }

    /**
     * Periodic: while the server is not answering, asks again (same id, paced by the request
     * client) what became of the leases that are out, which also probes the server; and leases for
     * services running low that have none out.
     */
    public void tick() {
        submit(() -> {
            if (!serverReachable && connected) {
                runtime.requests().askAgainDue(u -> u.op() == Operation.BLOCK_LEASE,
                        runtime.settings().requestTimeout());
                topUpLeases();
            }
        });
    }

    /** Called with every new state on the controller thread; must return at once. */
    public void onChange(Consumer<KioskState> listener) {
        loop.subscribe(listener);
    }

    /** The latest state; any thread. */
    public KioskState state() {
        return loop.model();
    }

    /** Lets an action in progress (a slip being printed) finish, then stops the thread. */
    @Override
    public void close() {
        loop.close();
    }

    // ---- on the controller thread ----

    private TicketOutcome issue(String serviceId) {
        Optional<Service> known = service(serviceId);
        TicketOutcome refusal = known.isEmpty()
                ? new TicketOutcome.Refused(TicketOutcome.UNKNOWN_SERVICE, "没有这项业务", "No such service")
                : !known.get().open()
                ? new TicketOutcome.Refused(TicketOutcome.SERVICE_CLOSED, "该业务暂停办理", "This service is closed")
                : !printerStatus.canPrint()
                ? new TicketOutcome.Refused(TicketOutcome.PRINTER_UNAVAILABLE, "暂时无法出票，请联系工作人员",
                        "Tickets unavailable - please ask staff")
                : null;
        if (refusal != null) {
            return show(refusal);
        }
        Service service = known.get();
        issuing = true;
        publish();
        Bodies.IssueTicket args = new Bodies.IssueTicket(serviceId);
        Response answer;
        try {
            answer = runtime.requests().send(Operation.TICKET_ISSUE, args, runtime.settings().requestTimeout()).get();
        } catch (ExecutionException e) {
            // A timed-out request is remembered by the request client and asked again later.
            if (!(e.getCause() instanceof RequestTimeoutException || e.getCause() instanceof BusException)) {
                log.error("ticket.issue failed unexpectedly", e.getCause());
            }
            serverReachable = false;
            return issueOffline(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return show(new TicketOutcome.Refused(TicketOutcome.KIOSK_ERROR, "请重试", "Please try again"));
        }
        serverAnswered();
        if (!answer.ok()) {
            return show(new TicketOutcome.Refused(answer.error().code(), answer.error().messageZh(),
                    answer.error().message()));
        }
        Decoded<Bodies.IssuedTicket> decoded = runtime.codec().decodeBody(answer.result(), Bodies.IssuedTicket.class);
        if (!(decoded instanceof Decoded.Accepted<Bodies.IssuedTicket> accepted)) {
            log.error("unreadable ticket.issue answer {}: {}", answer.result(), decoded);
            return show(new TicketOutcome.Refused(TicketOutcome.KIOSK_ERROR, "请联系工作人员", "Please ask staff"));
        }
        Bodies.IssuedTicket t = accepted.message();
        return print(new Slip(t.branchName(), t.serviceNameZh(), t.serviceNameEn(), t.ticket().number(),
                t.peopleAhead(), WaitTime.minutes(t.estimatedWaitSeconds()), zoned(t.ticket().issuedAt()), t.ticket().id(),
                false, settings.footer()));
    }

    private TicketOutcome issueOffline(Service service) {
        Optional<OfflineNumber> taken;
        try {
            taken = day == null ? Optional.empty() : leases.take(service.id(), day.businessDay());
        } catch (SQLException e) {
            log.error("no offline number for {}: lease file failed: {}", service.id(), e.getMessage());
            return show(new TicketOutcome.Refused(TicketOutcome.KIOSK_ERROR, "暂时无法出票，请联系工作人员",
                    "Tickets unavailable - please ask staff"));
        }
        if (taken.isEmpty()) {
            return show(new TicketOutcome.Refused(TicketOutcome.NO_OFFLINE_NUMBERS, "该业务暂时无法取号，请联系工作人员",
                    "No tickets for this service right now - please ask staff"));
        }
        OfflineNumber n = taken.get();
        numbersLeft.merge(service.id(), -1, Integer::sum);
        String number = n.number();
        String ticketId = TicketIds.of(runtime.settings().branch(), n.businessDay(), number);
        // Ranked by this time among the server's tickets: this clock corrected by its offset from the server's.
        Instant now = runtime.clockOffset().serverNow();
        // People ahead: those waiting at the last state, plus what this kiosk issued since.
        int sinceState = issuedOfflineSinceState.merge(service.id(), 1, Integer::sum) - 1;
        int ahead = service.waiting() + sinceState;
        int waitSeconds = WaitTime.offline(service.estimatedWaitSeconds(), service.waiting(), ahead);
        try {
            runtime.record(EventType.TICKET_ISSUED_OFFLINE, new Bodies.OfflineTicket(ticketId, service.id(), number,
                    n.sequence(), n.businessDay(), now));
        } catch (OutboxException e) {
            // The number stays used, but the branch would never hear of this ticket: no slip.
            log.error("offline ticket {} not recorded, not printed: {}", number, e.getMessage());
            return show(new TicketOutcome.Refused(TicketOutcome.KIOSK_ERROR, "暂时无法出票，请联系工作人员",
                    "Tickets unavailable - please ask staff"));
        }
        return print(new Slip(day.branchName(), service.nameZh(), service.nameEn(), number, ahead,
                WaitTime.minutes(waitSeconds), zoned(now), ticketId, true, settings.footer()));
    }

    private TicketOutcome print(Slip slip) {
        TicketOutcome result;
        try {
            printer.print(slip);
            lastSlip = slip;
            recordOutcome(EventType.SLIP_PRINTED, slip, "");
            result = new TicketOutcome.Printed(slip);
        } catch (PrintException e) {
            log.warn("slip {} failed: {}", slip.number(), e.getMessage());
            updatePrinter(e.status());
            recordOutcome(EventType.SLIP_FAILED, slip, e.getMessage());
            result = new TicketOutcome.PrintFailed(slip, e.getMessage());
        }
        show(result);
        topUpLeases();
        return result;
    }

    private void recordOutcome(EventType type, Slip slip, String reason) {
        try {
            runtime.record(type, new Bodies.SlipOutcome(slip.ticketId(), slip.number(), reason));
        } catch (OutboxException e) {
            log.error("{} for {} not recorded: {}", type.wire(), slip.number(), e.getMessage());
        }
    }

    private TicketOutcome show(TicketOutcome result) {
        issuing = false;
        outcome = Optional.of(result);
        long shown = ++outcomeShown;
        publish();
        loop.after(settings.confirmationTime(), () -> {
            if (outcomeShown == shown) {
                backToStart();
            }
        });
        return result;
    }

    private void backToStart() {
        if (outcome.isPresent()) {
            outcome = Optional.empty();
            outcomeShown++;
            language = settings.defaultLanguage();
            publish();
        }
    }

    private Optional<String> printAdmin(Slip slip) {
        try {
            if (slip == null) {
                printer.printTestPage();
            } else {
                printer.print(slip);
            }
            return Optional.empty();
        } catch (PrintException e) {
            updatePrinter(e.status());
            return Optional.of(e.getMessage());
        }
    }

    private void updatePrinter(PrinterStatus status) {
        if (!status.equals(printerStatus)) {
            log.info("printer: {}", status.condition() + (status.reason().isEmpty() ? "" : " - " + status.reason()));
        }
        printerStatus = status;
        runtime.health().report("printer", status.health());
        publish();
    }

    private void onLateAnswer(Unanswered asked, Response response) {
        try {
            handleLateAnswer(asked, response);
        } finally {
            settled(asked); // after what it asks for is recorded: a kill before this asks again
        }
    }

    private void settled(Unanswered asked) {
        try {
            unanswered.remove(asked.id());
        } catch (SQLException e) {
            log.error("settled request {} not removed from disk (asked again after a restart): {}", asked.id(),
                    e.getMessage());
        }
    }

    private void handleLateAnswer(Unanswered asked, Response response) {
        Operation op = asked.op();
        serverAnswered();
        publish();
        if (op == Operation.BLOCK_LEASE) {
            // Answered at last, whatever the answer: the service may lease again if still low.
            runtime.codec().decodeBody(asked.args(), Bodies.LeaseBlock.class)
                    .ifAccepted(l -> leasing.remove(l.service()), r -> log.error("unreadable lease args: {}", r));
        }
        if (!response.ok()) {
            // The server did nothing for the request (EXPIRED: it came after its deadline).
            log.info("{} {} answered late: {}", op.wire(), asked.id(), response.error().code());
            topUpLeases();
            return;
        }
        if (op == Operation.TICKET_ISSUE) {
            runtime.codec().decodeBody(response.result(), Bodies.IssuedTicket.class).ifAccepted(t -> {
                log.warn("ticket {} answered too late; recording it as failed so the server voids it",
                        t.ticket().number());
                try {
                    runtime.record(EventType.SLIP_FAILED, new Bodies.SlipOutcome(t.ticket().id(), t.ticket().number(),
                            LATE_REASON));
                } catch (OutboxException e) {
                    log.error("slip.failed for late ticket {} not recorded: {}", t.ticket().number(), e.getMessage());
                }
            }, r -> log.error("unreadable late ticket.issue answer: {}", r));
        } else if (op == Operation.BLOCK_LEASE) {
            // A block leased late is still ours for its day.
            runtime.codec().decodeBody(response.result(), Bodies.BlockLease.class)
                    .ifAccepted(this::keepLease, r -> log.error("unreadable late block.lease answer: {}", r));
            topUpLeases();
        }
    }

    /**
     * The server answered: when it had not been answering, what went unanswered meanwhile is asked
     * again now, so that out leases are settled and their services may lease again.
     */
    private void serverAnswered() {
        if (!serverReachable) {
            serverReachable = true;
            runtime.requests().askAgainAll(runtime.settings().requestTimeout());
        }
    }

    /** Leases a block for every open service running low, one request per service at a time. */
    private void topUpLeases() {
        if (!connected || services == null || day == null) {
            return;
        }
        for (Service s : services.services()) {
            if (s.open() && !leasing.contains(s.id()) && numbersLeft.getOrDefault(s.id(), 0) <= settings.lowWater()) {
                lease(s.id());
            }
        }
    }

    private void lease(String serviceId) {
        leasing.add(serviceId);
        Bodies.LeaseBlock args = new Bodies.LeaseBlock(serviceId, settings.blockSize());
        runtime.requests().send(Operation.BLOCK_LEASE, args,
                runtime.settings().requestTimeout()).whenCompleteAsync((answer, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                        if (cause instanceof RequestTimeoutException) {
                            // Still out: never leased again blindly; the request client asks what became of it.
                            serverReachable = false;
                            publish();
                        } else {
                            leasing.remove(serviceId); // never sent
                        }
                        log.debug("block.lease for {} failed: {}", serviceId, cause.getMessage());
                        return;
                    }
                    leasing.remove(serviceId);
                    serverAnswered();
                    if (answer.ok()) {
                        runtime.codec().decodeBody(answer.result(), Bodies.BlockLease.class)
                                .ifAccepted(this::keepLease, r -> log.error("unreadable block.lease answer: {}", r));
                    } else {
                        log.warn("block.lease for {} refused: {} {}", serviceId, answer.error().code(),
                                answer.error().message());
                    }
                    publish();
                }, loop);
    }

    private void keepLease(Bodies.BlockLease lease) {
        try {
            leases.add(lease);
            log.info("leased {} {}..{} for {}", lease.service(), lease.first(), lease.last(), lease.businessDay());
        } catch (SQLException e) {
            log.error("leased block {} {}..{} not kept: {}", lease.service(), lease.first(), lease.last(),
                    e.getMessage());
        }
        refreshNumbersLeft();
        publish();
    }

    private void refreshNumbersLeft() {
        numbersLeft.clear();
        if (services == null || day == null) {
            return;
        }
        for (Service s : services.services()) {
            try {
                numbersLeft.put(s.id(), leases.remaining(s.id(), day.businessDay()));
            } catch (SQLException e) {
                log.error("lease file unreadable: {}", e.getMessage());
            }
        }
    }

    private Optional<Service> service(String id) {
        return services == null ? Optional.empty()
                : services.services().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private void publish() {
        loop.publish(snapshot());
    }

    private KioskState snapshot() {
        List<KioskState.Tile> tiles = new ArrayList<>();
        boolean online = connected && serverReachable;
        if (services != null) {
            for (Service s : services.services()) {
                int left = numbersLeft.getOrDefault(s.id(), 0);
                tiles.add(new KioskState.Tile(s, left, s.open() && printerStatus.canPrint() && (online || left > 0)));
            }
        }
        return new KioskState(language, day == null ? "" : day.branchName(), tiles, connected, serverReachable,
                printerStatus, issuing, outcome);
    }

    private ZonedDateTime zoned(Instant at) {
        ZoneId zone = day == null ? ZoneId.systemDefault() : ZoneId.of(day.zone());
        return at.atZone(zone);
    }

    private <T> CompletableFuture<T> call(Supplier<T> action) {
        return loop.call(action);
    }

    private void submit(Runnable action) {
        loop.execute(action);
    }
}
