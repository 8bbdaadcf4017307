package io.counterline.server.mqtt;

import io.counterline.messaging.BusException;
import io.counterline.messaging.MessageBus;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Rejection;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.Topics;
import io.counterline.protocol.Topics.Channel;
import io.counterline.server.queue.QueueEngine;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device requests from {@code dev/+/req}, hands them to the engine and publishes each
 * answer on the asking device's {@code res} topic once the engine has committed. A payload that
 * is not a valid request is logged and counted; it cannot be answered (it has no usable id).
 */
public final class RequestIntake {
    private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);

    private final MessageBus bus;
    private final Topics topics;
    private final QueueEngine engine;
    private final MessageCodec codec = new MessageCodec();
    private final AtomicLong rejected = new AtomicLong();

    public RequestIntake(MessageBus bus, Topics topics, QueueEngine engine) {
        this.bus = bus;
        this.topics = topics;
        this.engine = engine;
    }

    public RequestIntake start() {
        bus.subscribe(topics.allDevices(Channel.REQ), this::onMessage);
        return this;
    }

    public long rejected() {
        return rejected.get();
    }

    private void onMessage(String topic, byte[] payload) {
        String device = topics.parseDevice(topic).map(Topics.DeviceTopic::device).orElse(null);
        Decoded<Request> d = codec.decode(payload, Request.class, device);
        if (device == null || !(d instanceof Decoded.Accepted<Request> accepted)) {
            Rejection why = d instanceof Decoded.Rejected<Request> r ? r.rejection()
                    : new Rejection(Rejection.Reason.INVALID_FIELD, "not a device topic");
            log.warn("rejected request on {} ({} so far): {}", topic, rejected.incrementAndGet(), why);
            return;
        }
        engine.submit(device, accepted.message()).thenAccept(response -> answer(device, response));
    }

    private void answer(String device, Response response) {
        try {
            bus.publish(topics.responses(device), codec.encode(response), false);
        } catch (BusException e) {
            // The device times out and asks again with the same id; the engine answers the same.
            log.warn("answer to {} not sent: {}", device, e.getMessage());
        }
    }
}
