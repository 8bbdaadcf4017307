package io.counterline.server.mqtt;

import io.counterline.messaging.BusException;
import io.counterline.messaging.MessageBus;
import io.counterline.protocol.Command;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import io.counterline.server.queue.Outbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Outbound} over the branch broker. A publish that fails is logged: state is republished on the next change and at start. */
public final class BusOutbound implements Outbound {
    private static final Logger log = LoggerFactory.getLogger(BusOutbound.class);
    private static final byte[] CLEAR = new byte[0];

    private final MessageBus bus;
    private final Topics topics;
    private final MessageCodec codec = new MessageCodec();

    public BusOutbound(MessageBus bus, Topics topics) {
        this.bus = bus;
        this.topics = topics;
    }

    @Override
    public void state(String topic, Object state) {
        send(topic, codec.encode(state), true);
    }

    @Override
    public void command(Command command, boolean retained) {
        send(topics.commands(command.device()), codec.encode(command), retained);
    }

    @Override
    public void clearCommand(String device) {
        send(topics.commands(device), CLEAR, true);
    }

    private void send(String topic, byte[] payload, boolean retained) {
        if (!bus.isConnected()) {
            // The engine publishes the whole state again when the connection comes (back).
            log.debug("not connected; {} will be republished on connect", topic);
            return;
        }
        try {
            bus.publish(topic, payload, retained);
        } catch (BusException e) {
            log.warn("not published to {}: {}", topic, e.getMessage());
        }
    }
}
