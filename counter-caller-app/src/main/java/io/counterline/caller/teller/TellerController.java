package io.counterline.caller.teller;

import io.counterline.caller.CallerSettings;
import io.counterline.caller.supervision.NoticeBoard;
import io.counterline.caller.supervision.OrderTexts;
import io.counterline.caller.voice.CallPrompts;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.ModelLoop;
import io.counterline.messaging.MessageBus;
import io.counterline.messaging.RequestClient;
import io.counterline.messaging.RequestClient.RequestTimeoutException;
import io.counterline.outbox.OutboxException;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Bodies.CounterReply;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.ErrorInfo;
import io.counterline.protocol.EventType;
import io.counterline.protocol.InvalidMessageException;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import io.counterline.protocol.ServicesState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that changes the caller's model ({@link CounterView}): teller actions from the
 * screen, the keypad and the call button, answers and retained state from the server, the
 * connection and the device's health. Everything runs on one thread, {@code caller}, one thing
 * at a time, in order.
 *
 * <p>Actions return at once with a future that completes, on the {@code caller} thread, once the
 * model shows the outcome: the server's {@link CounterReply}, or a {@link TellerException} whose
 * {@code ErrorInfo} is also the model's {@code error}. One request is with the server at a time;
 * an action while it is out is refused as {@code BUSY}, so a double tap never calls two
 * customers. While the server cannot be reached the actions are refused ({@code NOT_CONNECTED},
 * {@code NO_ANSWER}) and {@link #manualCall} is the way to show a number.
 *
 * <p>Listeners ({@link #subscribe}) get every new model on the {@code caller} thread and must
 * return quickly (queue to a worker, or {@code Platform.runLater}).
 */
public final class TellerController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TellerController.class);
    /** What {@code Bodies.ManualCall} carries and the voice can read: letters and digits. */
    private static final Pattern MANUAL_NUMBER = Pattern.compile("[A-Z0-9]{1,8}");
    /** How long closing lets an action in progress (an outbox commit) finish. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    /**
     * A request as sent; kept when unanswered so that {@link #retry} asks again with the same id.
     *
     * @param notice what to tell the teller when it succeeds (see {@link CounterView#notice}), or null
     */
    private record Pending(String id, Operation op, Object args, String notice, Class<?> resultType) {
    }

    private final CallerSettings settings;
    private final DeviceRuntime runtime;
    private final CallPrompts prompts;
    private final ModelLoop<CounterView> loop = new ModelLoop<>("caller", CounterView.initial(), CLOSE_WAIT);
    // Confined to the caller thread (the loop's model is the view):
    private CounterView view = loop.model();
    private final Map<String, String> otherCounters = new HashMap<>();
    private final NoticeBoard notices = new NoticeBoard();
    private volatile VoiceNotes voiceNotes;
    private Operation inFlight;
    private Pending unanswered;

    public TellerController(CallerSettings settings, DeviceRuntime runtime, CallPrompts prompts) {
        this.settings = settings;
        this.runtime = runtime;
        this.prompts = prompts;
    }

    /** Subscribes to the server's state, the connection and the device's health. */
    public TellerController listen() {
        runtime.onConnection(new MessageBus.ConnectionListener() {
            @Override
            public void connected() {
                onCaller(() -> update(view.withConnection(true).withServerAnswers(true)));
            }

            @Override
            public void disconnected(String reason) {
                onCaller(() -> update(view.withConnection(false)));
            }
        });
        runtime.onState(runtime.topics().allCounters(), CounterState.class, s -> onCaller(() -> counterState(s)));
        runtime.onState(runtime.topics().services(), ServicesState.class, s -> onCaller(() -> services(s)));
        runtime.onCommand(c -> onCaller(() -> command(c)));
        runtime.requests().setUnansweredListener(new RequestClient.UnansweredListener() {
            @Override
            public void answeredLate(RequestClient.Unanswered request, Response answer) {
                onCaller(() -> {
                    log.info("late answer to request {}: the server is back", request.id());
                    update(view.withServerAnswers(true));
                });
            }
        });
        runtime.health().onChange(h -> onCaller(() -> update(view.withHealth(h))));
        onCaller(() -> update(view.withHealth(runtime.health().overall())));
        return this;
    }

    /** The model now; any thread. */
    public CounterView view() {
        return loop.model();
    }

    /** {@code listener} gets the model now and every change after, on the {@code caller} thread. */
    public void subscribe(Consumer<CounterView> listener) {
        loop.subscribe(listener);
    }

    /** The supervision notices sent to the teller signed in here. */
    public NoticeBoard notices() {
        return notices;
    }

    /**
     * A work order (complaint, question, …) for the customer at the counter ({@code order.create}):
     * the server links the ticket, this counter and the teller, and answers with the order's
     * number and deadline, which the model's notice shows. Retried like every request (same id).
     *
     * @param category    {@code complaint}, {@code consultation}, {@code suggestion} or {@code praise}
     * @param description what the customer said (required, at most 2,000 characters)
     * @param contact     the customer's phone or address (optional, at most 200 characters)
     */
    public CompletableFuture<Bodies.OrderCreated> createOrder(String category, String description, String contact) {
        return createOrder(category, description, contact, null);
    }

    /**
     * As {@link #createOrder(String, String, String)} with a dictated voice note: with one the
     * description may be empty.
     *
     * @param voiceNote the note's recording id ({@link #stopDictation}), or null
     */
    public CompletableFuture<Bodies.OrderCreated> createOrder(String category, String description, String contact,
                                                              String voiceNote) {
        Object args;
        try {
            String c = contact == null ? "" : contact.strip();
            args = new Bodies.NewOrder(category == null ? "" : category, description == null ? "" : description.strip(),
                    c.isEmpty() ? null : c, voiceNote);
        } catch (InvalidMessageException e) {
            return refuse(LocalErrors.BAD_ORDER);
        }
        return ask(Operation.ORDER_CREATE, args, () -> null, Bodies.OrderCreated.class);
    }

    public CompletableFuture<CounterReply> signIn(String teller, String pin) {
        Object args;
        try {
            args = new Bodies.SignIn(teller == null ? "" : teller.strip(), pin == null ? "" : pin.strip());
        } catch (InvalidMessageException e) {
            return refuse(LocalErrors.BAD_SIGN_IN);
        }
        return ask(Operation.TELLER_SIGN_IN, args);
    }

    public CompletableFuture<CounterReply> signOut() {
        return ask(Operation.TELLER_SIGN_OUT, new Bodies.None());
    }

    /** Calls the next customer; completes a ticket still at the counter first (server rule). */
    public CompletableFuture<CounterReply> callNext() {
        return ask(Operation.CALL_NEXT, new Bodies.None());
    }

    /** Calls one waiting ticket by its number ("A012"), out of turn. */
    public CompletableFuture<CounterReply> callTicket(String number) {
        String n = number == null ? "" : number.strip().toUpperCase(Locale.ROOT);
        if (!MANUAL_NUMBER.matcher(n).matches()) {
            return refuse(LocalErrors.BAD_NUMBER);
        }
        return ask(Operation.CALL_TICKET, new Bodies.CallTicket(n));
    }

    public CompletableFuture<CounterReply> recall() {
        return ask(Operation.CALL_RECALL, new Bodies.None());
    }

    public CompletableFuture<CounterReply> start() {
        return ask(Operation.SERVICE_START, new Bodies.None());
    }

    public CompletableFuture<CounterReply> complete() {
        return ask(Operation.SERVICE_COMPLETE, new Bodies.None());
    }

    public CompletableFuture<CounterReply> noShow() {
        return ask(Operation.TICKET_NO_SHOW, new Bodies.None());
    }

    /** Sends the current customer to {@code service}'s queue; the model's notice confirms it. */
    public CompletableFuture<CounterReply> transferToService(String service) {
        return ask(Operation.TICKET_TRANSFER, new Bodies.Transfer(service, null), () -> view.services().stream()
                .filter(s -> s.id().equals(service)).findFirst()
                .map(s -> transferred(s.nameZh(), s.nameEn())).orElse(transferred(service, service)));
    }

    /** Sends the current customer to another counter; the model's notice confirms it. */
    public CompletableFuture<CounterReply> transferToCounter(String counter) {
        return ask(Operation.TICKET_TRANSFER, new Bodies.Transfer(null, counter), () -> {
            String name = view.otherCounters().getOrDefault(counter, counter);
            return transferred(name, name);
        });
    }

    /** On the caller thread, when the transfer is asked: the ticket is still at this counter. */
    private String transferred(String toZh, String toEn) {
        String number = view.ticket() == null ? "" : view.ticket().number() + " ";
        return "已转移 " + number + "→ " + toZh + "  Transferred " + number + "to " + toEn;
    }

    public CompletableFuture<CounterReply> pause(String reason) {
        return ask(Operation.COUNTER_PAUSE, new Bodies.Pause(reason));
    }

    public CompletableFuture<CounterReply> resume() {
        return ask(Operation.COUNTER_RESUME, new Bodies.None());
    }

    /**
     * Asks again what became of the request that went unanswered (same id, same deadline, through
     * {@code RequestClient.askAgain}): the server gives its first answer again, or {@code EXPIRED}
     * when it never acted, so nothing is done twice nor late. Completes with the teller action's
     * answer, or null when what was asked again is a work order ({@link #createOrder}).
     */
    public CompletableFuture<CounterReply> retry() {
        CompletableFuture<Object> result = new CompletableFuture<>();
        onCaller(() -> {
            if (unanswered == null) {
                fail(result, LocalErrors.NOTHING_TO_RETRY);
            } else if (!view.connected()) {
                fail(result, LocalErrors.NOT_CONNECTED);
            } else if (view.busy()) {
                fail(result, LocalErrors.BUSY);
            } else {
                send(unanswered, result, true);
            }
        });
        // A work order asked again completes with its OrderCreated; the model's notice shows it.
        return result.thenApply(r -> r instanceof CounterReply reply ? reply : null);
    }

    /**
     * While the server cannot be reached: shows {@code number} on the counter display, calls it
     * aloud, and records it as a {@code display.manual} event, delivered when the server is back.
     * The display follows the server again with its next word on this counter.
     */
    public CompletableFuture<Void> manualCall(String number) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        onCaller(() -> {
            String n = number == null ? "" : number.strip().toUpperCase(Locale.ROOT);
            if (view.online()) {
                fail(result, LocalErrors.SERVER_ONLINE);
                return;
            }
            if (!MANUAL_NUMBER.matcher(n).matches()) {
                fail(result, LocalErrors.BAD_NUMBER);
                return;
            }
            try {
                runtime.record(EventType.DISPLAY_MANUAL, new Bodies.ManualCall(settings.counter(), n));
            } catch (OutboxException e) {
                fail(result, LocalErrors.notRecorded(e.getMessage()));
                return;
            }
            log.info("manual call {} at counter {}", n, settings.counter());
            prompts.manualCall(n);
            update(view.withManualNumber(n).withError(null));
            result.complete(null);
        });
        return result;
    }

    private CompletableFuture<CounterReply> ask(Operation op, Object args) {
        return ask(op, args, () -> null);
    }

    private CompletableFuture<CounterReply> ask(Operation op, Object args, Supplier<String> notice) {
        return ask(op, args, notice, CounterReply.class);
    }

    private <T> CompletableFuture<T> ask(Operation op, Object args, Supplier<String> notice, Class<T> resultType) {
        CompletableFuture<T> result = new CompletableFuture<>();
        onCaller(() -> {
            if (!view.connected()) {
                fail(result, LocalErrors.NOT_CONNECTED);
            } else if (!view.serverAnswers()) {
                fail(result, LocalErrors.NO_ANSWER);
            } else if (view.busy()) {
                fail(result, LocalErrors.BUSY);
            } else {
                send(new Pending(UUID.randomUUID().toString(), op, args, notice.get(), resultType), result, false);
            }
        });
        return result;
    }

    private void send(Pending request, CompletableFuture<?> result, boolean again) {
        inFlight = request.op();
        prompts.requesting(request.op());
        update(view.withBusy(true).withNotice(null));
        Duration timeout = runtime.settings().requestTimeout();
        (again ? runtime.requests().askAgain(request.id(), timeout)
                : runtime.requests().send(request.id(), request.op(), request.args(), timeout))
                .whenCompleteAsync((response, failure) -> answered(request, response, failure, result), loop);
    }

    @SuppressWarnings("unchecked")
    private void answered(Pending request, Response response, Throwable failure, CompletableFuture<?> future) {
        CompletableFuture<Object> result = (CompletableFuture<Object>) future;
        CounterView next = view.withBusy(false);
        try {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof RequestTimeoutException) {
                    unanswered = request;
                    update(next.withServerAnswers(false));
                    fail(result, LocalErrors.NO_ANSWER);
                } else if (cause instanceof RequestClient.NotRememberedException
                        || cause instanceof RequestClient.RequestAbandonedException) {
                    log.info("{} not asked again: {}", request.op().wire(), cause.getMessage());
                    unanswered = null;
                    update(next);
                    fail(result, LocalErrors.NOTHING_TO_RETRY);
                } else {
                    log.info("{} not sent: {}", request.op().wire(), cause.getMessage());
                    update(next);
                    fail(result, LocalErrors.NOT_CONNECTED);
                }
                return;
            }
            unanswered = null;
            next = next.withServerAnswers(true);
            if (!response.ok()) {
                update(next);
                fail(result, response.error());
                return;
            }
            if (request.resultType() == Bodies.OrderCreated.class) {
                orderCreated(request, response, next, result);
                return;
            }
            Decoded<CounterReply> reply = runtime.codec().decodeBody(response.result(), CounterReply.class);
            if (!(reply instanceof Decoded.Accepted<CounterReply> accepted)) {
                log.warn("unreadable answer to {}: {}", request.op().wire(), reply);
                update(next);
                fail(result, LocalErrors.BAD_ANSWER);
                return;
            }
            CounterReply answer = accepted.message();
            update(next.withError(null).withNotice(request.notice()).withDay(answer.day()));
            counterState(answer.counter());
            if (request.op() == Operation.CALL_RECALL) {
                prompts.recalled(answer.counter());
            }
            result.complete(answer);
        } finally {
            inFlight = null;
        }
    }

    private void orderCreated(Pending request, Response response, CounterView next, CompletableFuture<Object> result) {
        Decoded<Bodies.OrderCreated> created = runtime.codec().decodeBody(response.result(), Bodies.OrderCreated.class);
        if (!(created instanceof Decoded.Accepted<Bodies.OrderCreated> accepted)) {
            log.warn("unreadable answer to {}: {}", request.op().wire(), created);
            update(next);
            fail(result, LocalErrors.BAD_ANSWER);
            return;
        }
        Bodies.OrderCreated o = accepted.message();
        log.info("work order {} ({}) created for ticket {}", o.order(), o.category(), o.ticket());
        update(next.withError(null).withNotice(OrderTexts.created(o)));
        result.complete(o);
    }

    private void counterState(CounterState state) {
        if (!state.counter().equals(settings.counter())) {
            // Only a counter with a teller signed in can take a customer: a transfer to an empty
            // one would leave the customer waiting for nobody.
            boolean staffed = state.teller() != null && state.status() != CounterStatus.CLOSED;
            String name = state.nameZh();
            boolean changed = staffed ? !name.equals(otherCounters.put(state.counter(), name))
                    : otherCounters.remove(state.counter()) != null;
            if (changed) {
                update(view.withOtherCounters(otherCounters));
            }
            return;
        }
        CounterState before = view.counter();
        if (before != null && before.teller() != null
                && (state.teller() == null || !state.teller().id().equals(before.teller().id()))) {
            notices.clear(); // they were for the teller who has left
        }
        if (state.equals(before) && view.manualNumber() == null) {
            return; // the answer and the retained publish say the same thing
        }
        prompts.counterChanged(before, state, inFlight);
        update(view.withCounter(state));
    }

    /** {@code teller.day}: a rating changed the signed-in teller's counts without an action. */
    private void command(Command command) {
        if (command.type() == CommandType.RECORDING_LIVE) {
            return; // the recorder's (caller.recording.CallerRecording)
        }
        if (command.type() == CommandType.SUPERVISION_NOTICE) {
            runtime.codec().decodeBody(command.body(), Bodies.SupervisionNotice.class).ifAccepted(n -> {
                if (view.signedIn()) {
                    notices.add(n);
                }
            }, r -> log.warn("bad supervision.notice {}: {}", command.id(), r));
            return;
        }
        if (command.type() != CommandType.TELLER_DAY) {
            log.info("command {} is not for a counter caller; ignored", command.type().wire());
            return;
        }
        runtime.codec().decodeBody(command.body(), Bodies.TellerDayUpdate.class).ifAccepted(update -> {
            if (view.teller() != null && view.teller().id().equals(update.teller())) {
                update(view.withDay(update.day()));
            } // else for a teller who has signed out since: their next sign-in answers with the day
        }, r -> log.warn("bad teller.day {}: {}", command.id(), r));
    }

    /** Gives the order form dictation; only a caller whose counter recording runs calls it. */
    public void dictateWith(VoiceNotes notes) {
        this.voiceNotes = notes;
    }

    /** Whether the order form offers dictation (recording is enabled and running here). */
    public boolean dictates() {
        return voiceNotes != null;
    }

    /** Starts a voice note for the customer at the counter now; any thread. */
    public String startDictation() {
        CounterView v = view();
        return voiceNotes.start(v.ticket() == null ? null : v.ticket().id(), v.teller() == null ? null : v.teller().id());
    }

    /** Stops the voice note: its recording id, or empty when it holds no audio. */
    public CompletableFuture<java.util.Optional<String>> stopDictation() {
        return voiceNotes == null ? CompletableFuture.completedFuture(java.util.Optional.empty()) : voiceNotes.stop();
    }

    /** Shows on the teller screen whether the intercom is being recorded; any thread. */
    public void showRecording(boolean on) {
        onCaller(() -> update(view.withRecording(on)));
    }

    private void services(ServicesState state) {
        List<ServicesState.Service> ours = settings.services().isEmpty() ? state.services()
                : state.services().stream().filter(s -> settings.services().contains(s.id())).toList();
        update(view.withServices(state.services(), ours));
    }

    private <T> CompletableFuture<T> refuse(ErrorInfo error) {
        CompletableFuture<T> result = new CompletableFuture<>();
        onCaller(() -> fail(result, error));
        return result;
    }

    private <T> void fail(CompletableFuture<T> result, ErrorInfo error) {
        update(view.withError(error).withNotice(null));
        result.completeExceptionally(new TellerException(error));
    }

    private void update(CounterView next) {
        if (next.equals(view)) {
            return;
        }
        view = next;
        loop.publish(next);
    }

    private void onCaller(Runnable task) {
        loop.execute(task);
    }

    /** Lets the action in progress finish, then stops the caller thread; futures still out stay incomplete. */
    @Override
    public void close() {
        loop.close();
    }
}
