package io.counterline.device;

import io.counterline.messaging.BusException;
import io.counterline.messaging.InMemoryBus;
import io.counterline.protocol.Ack;
import io.counterline.protocol.Command;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for the branch server in device unit tests, on an {@link InMemoryBus}: answers
 * requests with what the test scripted, acknowledges events, and publishes state and commands on
 * demand. Tests against the real engine use the branch-server test-jar instead; this one is for
 * screens and controllers whose subject is the device, not the queue.
 */
public final class ScriptedServer {
    private final MessageCodec codec = new MessageCodec();
    private final Topics topics;
    private final InMemoryBus.Client bus;
    private final Map<Operation, Function<Request, Response>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();
    private volatile boolean silent;

    public ScriptedServer(InMemoryBus broker, String branch) {
        this.topics = Topics.of(branch);
        this.bus = broker.client("server");
        bus.subscribe(topics.allDevices(Topics.Channel.REQ), this::onRequest);
        bus.subscribe(topics.allDevices(Topics.Channel.EVT), this::onEvent);
    }

    /** Answers {@code op} with {@code answer}; unscripted operations get no answer at all. */
    public ScriptedServer on(Operation op, Function<Request, Response> answer) {
        answers.put(op, answer);
        return this;
    }

    /** While silent, requests go unanswered, as when the server is down but the broker is up. */
    public void silent(boolean value) {
        silent = value;
    }

    public List<Request> requests() {
        return requests;
    }

    public List<EventEnvelope> events() {
        return events;
    }

    public <T> T body(EventEnvelope e, Class<T> type) {
        return codec.decodeBody(e.body(), type).orThrow();
    }

    public <T> T args(Request r, Class<T> type) {
        return codec.decodeBody(r.args(), type).orThrow();
    }

    public Response ok(Request r, Object result) {
        return Response.ok(r.id(), codec.toBody(result));
    }

    public void publishState(String topic, Object state) {
        publish(topic, codec.encode(state), true);
    }

    public void command(Command c) {
        publish(topics.commands(c.device()), codec.encode(c), false);
    }

    private void onRequest(String topic, byte[] payload) {
        String device = topics.parseDevice(topic).orElseThrow().device();
        Request r = codec.decode(payload, Request.class).orThrow();
        requests.add(r);
        Function<Request, Response> answer = answers.get(r.op());
        if (!silent && answer != null) {
            publish(topics.responses(device), codec.encode(answer.apply(r)), false);
        }
    }

    private void onEvent(String topic, byte[] payload) {
        Decoded<EventEnvelope> d = codec.decode(payload, EventEnvelope.class);
        EventEnvelope e = d.orThrow();
        if (events.stream().noneMatch(x -> x.id().equals(e.id()))) {
            events.add(e);
        }
        if (!silent) {
            publish(topics.acks(e.device()), codec.encode(Ack.of(e.device(), e.boot(), List.of(e.seq()))), false);
        }
    }

    private void publish(String topic, byte[] payload, boolean retain) {
        try {
            bus.publish(topic, payload, retain);
        } catch (BusException e) {
            throw new IllegalStateException(e);
        }
    }
}
