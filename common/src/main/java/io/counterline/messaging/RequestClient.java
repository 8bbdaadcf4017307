package io.counterline.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the server on {@code dev/{device}/req} and matches its answers on {@code dev/{device}/res}
 * by request id. Answers never block: futures complete on the bus's dispatch thread, so
 * callers continue with {@code thenAcceptAsync} on their own executor when the work is slow.
 *
 * <p>Every request carries a deadline (now + its timeout, by the device's clock): the server
 * does not start acting on it after that. A request that gets no answer in time fails with
 * {@link RequestTimeoutException} and is remembered as {@link Unanswered}. This class is the one
 * place that asks again with the same id ("what became of id X?"): {@link #askAgain} for one
 * request, {@link #askAgainAll}/{@link #askAgainDue} for all of them. A repeat keeps the original
 * deadline, so the server answers what it did the first time, or {@code EXPIRED} when it never
 * acted — a repeat never makes the server act late. Remembering is bounded by {@link RetryLimits}:
 * in count (remembered requests, asks per request) and in age; a request past them is
 * abandoned, and the listener told.
 *
 * <p>Thread-safe.
 */
public final class RequestClient {
    private static final Logger log = LoggerFactory.getLogger(RequestClient.class);

    private final MessageBus bus;
    private final Topics topics;
    private final String device;
    private final Clock clock;
    private final RetryLimits limits;
    private final MessageCodec codec = new MessageCodec();
    private final Map<String, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    /** Timed-out requests, oldest first; guarded by itself. */
    private final LinkedHashMap<String, Unanswered> unanswered = new LinkedHashMap<>();
    private volatile UnansweredListener listener = new UnansweredListener() {
        @Override
        public void answeredLate(Unanswered request, Response answer) {
            log.warn("late answer to request {} ({}) ignored", request.id(), request.op().wire());
        }
    };

    public RequestClient(MessageBus bus, Topics topics, String device, Clock clock) {
        this(bus, topics, device, clock, RetryLimits.DEFAULT);
    }

    public RequestClient(MessageBus bus, Topics topics, String device, Clock clock, RetryLimits limits) {
        this.bus = bus;
        this.topics = topics;
        this.device = device;
        this.clock = clock;
        this.limits = limits;
    }

    public RequestClient start() {
        bus.subscribe(topics.responses(device), (topic, payload) -> onResponse(payload));
        return this;
    }

    /** Replaces the listener told of unanswered requests, late answers and abandoned requests. */
    public void setUnansweredListener(UnansweredListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Sends a request with a new id and a deadline of now + {@code timeout}.
     *
     * @param args a record from {@code Bodies}
     * @return completes with the server's response (ok or error), or fails with
     *         {@link RequestTimeoutException} (then it is remembered as unanswered) or
     *         {@link BusException} (not connected: never sent, nothing to ask again)
     */
    public CompletableFuture<Response> send(Operation op, Object args, Duration timeout) {
        return send(UUID.randomUUID().toString(), op, args, timeout);
    }

    /**
     * As {@link #send(Operation, Object, Duration)} with an id of the caller's choosing (a test
     * that must know it). It is a new request with a new deadline; to ask what became of one that
     * went unanswered, use {@link #askAgain}.
     */
    public CompletableFuture<Response> send(String id, Operation op, Object args, Duration timeout) {
        Instant now = clock.instant();
        Unanswered request = new Unanswered(id, op, codec.toBody(args), now.plus(timeout), now, 0, now);
        return ask(request, timeout);
    }

    /**
     * Asks again what became of unanswered request {@code id}, with its id, args and deadline.
     * A repeat already out is not sent twice: its future is returned.
     *
     * @return the server's answer (its first answer to {@code id}, or {@code EXPIRED}); fails with
     *         {@link NotRememberedException} when {@code id} is not (or no longer) remembered, with
     *         {@link RequestAbandonedException} when asking again would pass the limits (it is
     *         then forgotten), or as {@link #send} does
     */
    public CompletableFuture<Response> askAgain(String id, Duration timeout) {
        Unanswered next;
        synchronized (unanswered) {
            CompletableFuture<Response> out = pending.get(id);
            if (out != null && unanswered.containsKey(id)) {
                return out.exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        error instanceof TimeoutException ? new RequestTimeoutException(unanswered.get(id).op(), timeout)
                                : error));
            }
            Unanswered request = unanswered.get(id);
            if (request == null) {
                return CompletableFuture.failedFuture(new NotRememberedException(id));
            }
            Optional<String> beyond = beyondLimits(request, clock.instant());
            if (beyond.isPresent()) {
                unanswered.remove(id);
                abandon(request, beyond.get());
                return CompletableFuture.failedFuture(new RequestAbandonedException(request, beyond.get()));
            }
            next = request.askedAgain(clock.instant());
            unanswered.put(id, next);
        }
        return ask(next, timeout);
    }

    /**
     * Asks again every unanswered request now (the connection just came back); each answer goes to
     * the listener's {@link UnansweredListener#answeredLate}.
     */
    public void askAgainAll(Duration timeout) {
        for (Unanswered request : unanswered()) {
            askAgain(request.id(), timeout);
        }
    }

    /**
     * Asks again the unanswered requests {@code which} whose pause is over: after {@code n} asks a request waits
     * {@link RetryLimits#pause}{@code .delayAfter(n)} before the next, so a device that polls
     * while the server is away does not flood it.
     */
    public void askAgainDue(Predicate<Unanswered> which, Duration timeout) {
        Instant now = clock.instant();
        for (Unanswered request : unanswered()) {
            if (which.test(request)
                    && !now.isBefore(request.lastAsked().plus(limits.pause().delayAfter(request.asks())))) {
                askAgain(request.id(), timeout);
            }
        }
    }

    /** The remembered unanswered requests, oldest first. */
    public List<Unanswered> unanswered() {
        synchronized (unanswered) {
            return List.copyOf(unanswered.values());
        }
    }

    /**
     * Remembers an unanswered request kept elsewhere (a device that stored its unanswered requests
     * and restarted), so that it is asked again like the others.
     */
    public void remember(Unanswered request) {
        List<Unanswered> dropped;
        synchronized (unanswered) {
            unanswered.put(request.id(), request);
            dropped = trim();
        }
        dropped.forEach(d -> abandon(d, "more than " + limits.remembered() + " unanswered requests"));
    }

    private CompletableFuture<Response> ask(Unanswered request, Duration timeout) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        String id = request.id();
        pending.put(id, answer);
        try {
            bus.publish(topics.requests(device),
                    codec.encode(Request.of(id, request.op(), request.args(), request.deadline())), false);
        } catch (BusException e) {
            pending.remove(id, answer);
            answer.completeExceptionally(e);
            return answer;
        }
        // One chain, so that a timed-out request is remembered before its caller hears of the timeout.
        CompletableFuture<Response> result = new CompletableFuture<>();
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, error) -> {
            if (error == null) {
                result.complete(r);
                return;
            }
            if (pending.remove(id, answer)) {
                timedOut(request);
            }
            result.completeExceptionally(error instanceof TimeoutException
                    ? new RequestTimeoutException(request.op(), timeout) : error);
        });
        return result;
    }

    private void timedOut(Unanswered request) {
        if (request.op() == Operation.CLOCK_READ) {
            return; // a late reading of the server's clock is worth nothing: the next one is asked anew
        }
        List<Unanswered> dropped;
        synchronized (unanswered) {
            if (!unanswered.containsKey(request.id())) {
                unanswered.put(request.id(), request);
                // Told under the lock, so that a device keeping it on disk hears of it before of its answer.
                tell(() -> listener.unanswered(request));
            }
            dropped = trim();
        }
        dropped.forEach(d -> abandon(d, "more than " + limits.remembered() + " unanswered requests"));
    }

    /** Oldest beyond the count limit, removed; called holding the lock. */
    private List<Unanswered> trim() {
        List<Unanswered> dropped = new ArrayList<>();
        var it = unanswered.values().iterator();
        while (unanswered.size() - dropped.size() > limits.remembered() && it.hasNext()) {
            dropped.add(it.next());
        }
        dropped.forEach(d -> unanswered.remove(d.id()));
        return dropped;
    }

    private Optional<String> beyondLimits(Unanswered request, Instant now) {
        if (request.asks() >= limits.asks()) {
            return Optional.of("asked again " + request.asks() + " times without an answer");
        }
        if (Duration.between(request.firstAsked(), now).compareTo(limits.age()) > 0) {
            return Optional.of("unanswered for more than " + limits.age());
        }
        return Optional.empty();
    }

    private void abandon(Unanswered request, String why) {
        log.warn("request {} ({}) abandoned: {}; the server may or may not have acted on it", request.id(),
                request.op().wire(), why);
        tell(() -> listener.abandoned(request, why));
    }

    private void onResponse(byte[] payload) {
        Decoded<Response> decoded = codec.decode(payload, Response.class);
        if (!(decoded instanceof Decoded.Accepted<Response> accepted)) {
            log.warn("bad response for {}: {}", device, ((Decoded.Rejected<Response>) decoded).rejection());
            return;
        }
        Response response = accepted.message();
        Unanswered was;
        synchronized (unanswered) {
            was = unanswered.remove(response.id());
        }
        CompletableFuture<Response> waiting = pending.remove(response.id());
        // The listener first: whoever waits on a repeat finds the request already settled.
        if (was != null) {
            tell(() -> listener.answeredLate(was, response));
        }
        if (waiting != null) {
            waiting.complete(response);
        }
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("unanswered-request listener failed", e);
        }
    }

    /**
     * A request that timed out, as it was sent.
     *
     * @param deadline   when the device stopped waiting; kept by every repeat
     * @param firstAsked when it was first sent
     * @param asks       how many times it was asked again
     * @param lastAsked  when it was last sent
     */
    public record Unanswered(String id, Operation op, ObjectNode args, Instant deadline, Instant firstAsked,
                             int asks, Instant lastAsked) {
        public Unanswered {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(args, "args");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(firstAsked, "firstAsked");
            Objects.requireNonNull(lastAsked, "lastAsked");
        }

        Unanswered askedAgain(Instant at) {
            return new Unanswered(id, op, args, deadline, firstAsked, asks + 1, at);
        }
    }

    /**
     * How long unanswered requests are remembered and asked again.
     *
     * @param remembered at most this many are remembered; the oldest is abandoned first
     * @param asks       each is asked again at most this many times
     * @param age        and not after this long since it was first sent
     * @param pause      the pause between asks of one request by {@link #askAgainDue}
     */
    public record RetryLimits(int remembered, int asks, Duration age, Backoff pause) {
        /** About a quarter of an hour of asking, ever more rarely: 1 s doubling to a minute, 20 asks. */
        public static final RetryLimits DEFAULT = new RetryLimits(1000, 20, Duration.ofMinutes(20),
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)));

        public RetryLimits {
            if (remembered < 1 || asks < 1 || age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("retry limits must be positive: " + remembered + ", " + asks
                        + ", " + age);
            }
            Objects.requireNonNull(pause, "pause");
        }
    }

    /**
     * What becomes of unanswered requests; called on whichever thread saw it, must return quickly
     * ({@link #unanswered} is called holding the client's lock: a short durable write at most).
     */
    public interface UnansweredListener {
        /** {@code request} timed out for the first time and is now remembered. */
        default void unanswered(Unanswered request) {
        }

        /** The answer to a remembered request came, late or to a repeat; it is forgotten. */
        default void answeredLate(Unanswered request, Response answer) {
        }

        /** {@code request} passed the limits and is forgotten; nobody will learn what became of it. */
        default void abandoned(Unanswered request, String why) {
        }
    }

    /** No answer came in time; the server may or may not have acted. */
    public static final class RequestTimeoutException extends Exception {
        private static final long serialVersionUID = 1L;

        public RequestTimeoutException(Operation op, Duration timeout) {
            super("no answer to " + op.wire() + " within " + timeout.toMillis() + " ms");
        }
    }

    /** {@link #askAgain} of an id that is not remembered (answered meanwhile, abandoned, or never unanswered). */
    public static final class NotRememberedException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotRememberedException(String id) {
            super("no unanswered request " + id + " to ask again");
        }
    }

    /** Asking again would pass the {@link RetryLimits}; the request is forgotten. */
    public static final class RequestAbandonedException extends Exception {
        private static final long serialVersionUID = 1L;

        public RequestAbandonedException(Unanswered request, String why) {
            super("request " + request.id() + " (" + request.op().wire() + ") abandoned: " + why);
        }
    }
}
