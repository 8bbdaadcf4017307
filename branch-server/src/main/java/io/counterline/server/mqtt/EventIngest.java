package io.counterline.server.mqtt;

import io.counterline.messaging.BusException;
import io.counterline.messaging.MessageBus;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Rejection;
import io.counterline.protocol.Topics;
import io.counterline.protocol.Topics.Channel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device events from {@code dev/+/evt}: validate, hand to the {@link EventSink} (which
 * stores each once and commits), then ack. Events go in batches from one thread
 * ("ingest-writer"), one transaction per batch, so a backlog arriving at once costs one commit
 * per batch, not one per event.
 *
 * <p>A bad payload is counted by reason and logged; it never stops ingest. A duplicate is
 * counted, not stored, and acknowledged again (the device evidently missed the first ack).
 */
public final class EventIngest implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventIngest.class);
    private static final int MAX_BATCH = 1000;
    /** Beyond this many waiting events, new ones are left unacknowledged: the devices resend. */
    private static final int MAX_QUEUE = 50_000;

    /** Running totals, for logs, health and tests. */
    public record Stats(long received, long stored, long duplicates, long deferred, Map<Rejection.Reason, Long> rejected) {
        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final MessageBus bus;
    private final Topics topics;
    private final EventSink sink;
    private final MessageCodec codec = new MessageCodec();
    private final BlockingQueue<EventEnvelope> queue = new LinkedBlockingQueue<>(MAX_QUEUE);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    private final Map<Rejection.Reason, AtomicLong> rejected = new EnumMap<>(Rejection.Reason.class);
    private final Thread writer;
    private volatile boolean running = true;

    /** Where validated events go: stored once and committed when {@link #commit} returns. */
    @FunctionalInterface
    public interface EventSink {
        /** @return the events that were new (the rest were already held) */
        List<EventEnvelope> commit(List<EventEnvelope> events) throws Exception;
    }

    public EventIngest(MessageBus bus, Topics topics, EventSink sink) {
        this.bus = bus;
        this.topics = topics;
        this.sink = sink;
        for (Rejection.Reason r : Rejection.Reason.values()) {
            rejected.put(r, new AtomicLong());
        }
        this.writer = new Thread(this::writeLoop, "ingest-writer");
        this.writer.setDaemon(true);
    }

    public EventIngest start() {
        writer.start();
        bus.subscribe(topics.allDevices(Channel.EVT), this::onMessage);
        return this;
    }

    public Stats stats() {
        Map<Rejection.Reason, Long> r = new EnumMap<>(Rejection.Reason.class);
        rejected.forEach((k, v) -> r.put(k, v.get()));
        return new Stats(received.get(), stored.get(), duplicates.get(), deferred.get(), r);
    }

    private void onMessage(String topic, byte[] payload) {
        received.incrementAndGet();
        String device = topics.parseDevice(topic).map(Topics.DeviceTopic::device).orElse(null);
        if (device == null) {
            reject(topic, new Rejection(Rejection.Reason.INVALID_FIELD, "not a device event topic"));
            return;
        }
        Decoded<EventEnvelope> decoded = codec.decode(payload, EventEnvelope.class, device);
        if (decoded instanceof Decoded.Accepted<EventEnvelope> a) {
            if (!queue.offer(a.message())) {
                deferred.incrementAndGet();
            }
        } else {
            reject(topic, ((Decoded.Rejected<EventEnvelope>) decoded).rejection());
        }
    }

    private void reject(String topic, Rejection rejection) {
        long n = rejected.get(rejection.reason()).incrementAndGet();
        log.warn("rejected event on {} ({} so far for {}): {}", topic, n, rejection.reason(), rejection.detail());
    }

    private void writeLoop() {
        List<EventEnvelope> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                EventEnvelope first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commitAndAck(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("ingest batch of {} events failed; the devices will send them again", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    private void commitAndAck(List<EventEnvelope> batch) {
        List<EventEnvelope> fresh;
        try {
            fresh = sink.commit(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // Not acknowledged, so the devices keep the events and send them again.
            log.error("{} events not committed: {}", batch.size(), e.getMessage());
            return;
        }
        stored.addAndGet(fresh.size());
        duplicates.addAndGet(batch.size() - fresh.size());
        ack(batch);
    }

    private void ack(List<EventEnvelope> batch) {
        record Key(String device, long boot) {
        }
        Map<Key, List<Long>> byDevice = new LinkedHashMap<>();
        for (EventEnvelope e : batch) {
            byDevice.computeIfAbsent(new Key(e.device(), e.boot()), k -> new ArrayList<>()).add(e.seq());
        }
        byDevice.forEach((key, seqs) -> {
            try {
                for (byte[] payload : AckSplitter.payloads(codec, key.device(), key.boot(), seqs)) {
                    bus.publish(topics.acks(key.device()), payload, false);
                }
            } catch (BusException | RuntimeException e) {
                // One device's ack never holds up the others'.
                log.warn("ack to {} not sent ({}); the device will resend and be acked then", key.device(),
                        e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
