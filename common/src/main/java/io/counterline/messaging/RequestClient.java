package io.counterline.messaging;

import io.counterline.protocol.Decoded;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the server on {@code dev/{device}/req} and matches its answers on {@code dev/{device}/res}
 * by request id. Answers never block: futures complete on the bus's dispatch thread, so
 * callers continue with {@code thenAcceptAsync} on their own executor when the work is slow.
 *
 * <p>A request that gets no answer in time fails with {@link RequestTimeoutException}; if the
 * answer comes later it goes to the late-answer listener, so that a device can undo what the
 * server did for nobody (a kiosk voids a ticket it never printed).
 */
public final class RequestClient {
    private static final Logger log = LoggerFactory.getLogger(RequestClient.class);

    private final MessageBus bus;
    private final Topics topics;
    private final String device;
    private final MessageCodec codec = new MessageCodec();
    private final Map<String, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private final Map<String, Boolean> expired = new ConcurrentHashMap<>();
    private volatile Consumer<Response> lateAnswers = r -> log.warn("late answer to request {} ignored", r.id());

    public RequestClient(MessageBus bus, Topics topics, String device) {
        this.bus = bus;
        this.topics = topics;
        this.device = device;
    }

    public RequestClient start() {
        bus.subscribe(topics.responses(device), (topic, payload) -> onResponse(payload));
        return this;
    }

    public void onLateAnswer(Consumer<Response> listener) {
        this.lateAnswers = listener;
    }

    /**
     * Sends a request with a new id.
     *
     * @param args a record from {@code Bodies}
     * @return completes with the server's response (ok or error), or fails with
     *         {@link RequestTimeoutException} or {@link BusException} (not connected)
     */
    public CompletableFuture<Response> send(Operation op, Object args, Duration timeout) {
        return send(UUID.randomUUID().toString(), op, args, timeout);
    }

    /** Sends (or sends again) a request with the given id; the server answers a repeat the same way. */
    public CompletableFuture<Response> send(String id, Operation op, Object args, Duration timeout) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            bus.publish(topics.requests(device), codec.encode(Request.of(id, op, codec.toBody(args))), false);
        } catch (BusException e) {
            pending.remove(id);
            answer.completeExceptionally(e);
            return answer;
        }
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, error) -> {
            if (pending.remove(id) != null && error != null) {
                expired.put(id, Boolean.TRUE);
            }
        });
        return answer.exceptionallyCompose(error -> CompletableFuture.failedFuture(
                error instanceof java.util.concurrent.TimeoutException
                        ? new RequestTimeoutException(op, timeout) : error));
    }

    private void onResponse(byte[] payload) {
        Decoded<Response> decoded = codec.decode(payload, Response.class);
        if (!(decoded instanceof Decoded.Accepted<Response> accepted)) {
            log.warn("bad response for {}: {}", device, ((Decoded.Rejected<Response>) decoded).rejection());
            return;
        }
        Response response = accepted.message();
        CompletableFuture<Response> waiting = pending.remove(response.id());
        if (waiting != null) {
            waiting.complete(response);
        } else if (expired.remove(response.id()) != null) {
            lateAnswers.accept(response);
        }
    }

    /** No answer came in time; the server may or may not have acted. */
    public static final class RequestTimeoutException extends Exception {
        private static final long serialVersionUID = 1L;

        public RequestTimeoutException(Operation op, Duration timeout) {
            super("no answer to " + op.wire() + " within " + timeout.toMillis() + " ms");
        }
    }
}
