package io.counterline.server.testing;

import io.counterline.messaging.Backoff;
import io.counterline.messaging.BusSettings;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.outbox.Outbox;
import io.counterline.outbox.OutboxException;
import io.counterline.outbox.OutboxPublisher;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A device as the apps build one: outbox file, Paho bus with the device's own credentials, and
 * the publisher between them; with short reconnect and resend times so tests run quickly.
 */
public final class TestDevice implements AutoCloseable {
    public static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    private final Outbox outbox;
    private final PahoMessageBus bus;
    private final OutboxPublisher publisher;
    private final MessageCodec codec = new MessageCodec();

    private TestDevice(Outbox outbox, PahoMessageBus bus, OutboxPublisher publisher) {
        this.outbox = outbox;
        this.bus = bus;
        this.publisher = publisher;
    }

    public static TestDevice start(String device, Path outboxFile, String brokerUri, int capacity)
            throws OutboxException {
        Outbox outbox = Outbox.open(outboxFile, device, capacity, Clock.systemUTC());
        PahoMessageBus bus = new PahoMessageBus(
                BusSettings.of(brokerUri, device, TestBranch.secretOf(device)).withBackoff(FAST), Optional.empty());
        OutboxPublisher publisher = new OutboxPublisher(outbox, bus, Topics.of(TestBranch.BRANCH),
                new OutboxPublisher.Settings(500, 200, Duration.ofSeconds(2))).start();
        bus.start();
        return new TestDevice(outbox, bus, publisher);
    }

    public EventEnvelope append(int n) throws OutboxException {
        EventEnvelope e = outbox.append(EventType.HEALTH_CHANGED, codec.emptyBody().put("n", n));
        publisher.wake();
        return e;
    }

    public Outbox outbox() {
        return outbox;
    }

    public boolean isConnected() {
        return bus.isConnected();
    }

    @Override
    public void close() {
        publisher.close();
        bus.close();
        outbox.close();
    }
}
