package io.counterline.outbox;

import io.counterline.messaging.BusException;
import io.counterline.messaging.MessageBus;
import io.counterline.protocol.Ack;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.EventBatch;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an {@link Outbox} to the server: publishes waiting events in sequence order at QoS 1 and
 * deletes them only when the server's {@link Ack} says they are committed.
 *
 * <p>At most {@code window} events are out without an ack. Everything unacknowledged is sent
 * again after every (re)connect and whenever no ack has come for {@code resendAfter}: the
 * server stores each event once, so a resend is harmless and a lost message is not.
 *
 * <p>Runs on its own thread, "outbox-&lt;device&gt;", which also deletes acknowledged events
 * from the file: the bus's delivery thread only notes an ack and returns.
 */
public final class OutboxPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    /**
     * @param window          events published but not yet acknowledged, at most
     * @param batch           events read from the file at a time
     * @param resendAfter     how long without an ack before everything unacknowledged is resent
     * @param eventsPerMessage events packed into one message, at most: 1 publishes each
     *                        {@link EventEnvelope} alone; more packs consecutive events into an
     *                        {@link EventBatch} of at most {@link EventBatch#MAX_EVENTS} events
     *                        within the contract's payload limit (the branch's uplink does, so a
     *                        day's facts are tens of messages a second, not thousands)
     */
    public record Settings(int window, int batch, Duration resendAfter, int eventsPerMessage) {
        public static final Settings DEFAULT = new Settings(500, 200, Duration.ofSeconds(10));

        public Settings {
            if (window < 1 || batch < 1 || resendAfter.isNegative() || resendAfter.isZero()) {
                throw new IllegalArgumentException("outbox publisher needs window, batch and resend-after above 0");
            }
            if (eventsPerMessage < 1 || eventsPerMessage > EventBatch.MAX_EVENTS) {
                throw new IllegalArgumentException("events per message must be 1 to " + EventBatch.MAX_EVENTS);
            }
        }

        /** One event per message. */
        public Settings(int window, int batch, Duration resendAfter) {
            this(window, batch, resendAfter, 1);
        }
    }

    private final Outbox outbox;
    private final MessageBus bus;
    private final Topics topics;
    private final MessageCodec codec = new MessageCodec();
    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Published, not yet acknowledged. */
    private final NavigableSet<Long> unacked = new ConcurrentSkipListSet<>();
    /** Acks received on the bus's thread, for this publisher's thread to delete from the file. */
    private final Queue<Ack> acksToApply = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Set on connect and on ack timeout: start again from the oldest waiting event. */
    private volatile boolean rewind = true;
    private volatile long lastProgressNanos = System.nanoTime();
    /** Guarded by {@link #lock}: a wake that came while the publisher was busy is not lost. */
    private boolean woken;
    private long cursor;

    public OutboxPublisher(Outbox outbox, MessageBus bus, Topics topics, Settings settings) {
        this.outbox = outbox;
        this.bus = bus;
        this.topics = topics;
        this.settings = settings;
        this.thread = new Thread(this::run, "outbox-" + outbox.device());
        this.thread.setDaemon(true);
    }

    /** Subscribes to the device's acks and starts publishing. */
    public OutboxPublisher start() {
        bus.subscribe(topics.acks(outbox.device()), (topic, payload) -> onAck(payload));
        bus.addConnectionListener(new MessageBus.ConnectionListener() {
            @Override
            public void connected() {
                rewind = true;
                wake();
            }

            @Override
            public void disconnected(String reason) {
                wake();
            }
        });
        thread.start();
        return this;
    }

    /** Tells the publisher that something changed (a new event was appended); returns at once. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onAck(byte[] payload) {
        Decoded<Ack> decoded = codec.decode(payload, Ack.class, outbox.device());
        if (!(decoded instanceof Decoded.Accepted<Ack> accepted)) {
            log.warn("ignoring a bad ack for {}: {}", outbox.device(), ((Decoded.Rejected<Ack>) decoded).rejection());
            return;
        }
        Ack ack = accepted.message();
        if (ack.boot() != outbox.boot()) {
            return; // meant for a replaced outbox file
        }
        // Only bookkeeping here: this is the bus's one delivery thread, and every answer and
        // state update for this device waits behind it. The file delete (a SQLite transaction,
        // and it waits for the outbox's lock) happens on the publisher's own thread.
        ack.seqs().forEach(unacked::remove);
        lastProgressNanos = System.nanoTime();
        acksToApply.add(ack);
        wake();
    }

    /** Deletes everything acknowledged so far from the file, in one transaction. */
    private void applyAcks() {
        List<Long> seqs = new ArrayList<>();
        for (Ack ack; (ack = acksToApply.poll()) != null; ) {
            seqs.addAll(ack.seqs());
        }
        if (seqs.isEmpty()) {
            return;
        }
        try {
            int deleted = outbox.acknowledge(outbox.boot(), seqs);
            log.trace("acks of {} events, {} deleted", seqs.size(), deleted);
        } catch (OutboxException e) {
            log.error("acknowledged events could not be deleted (they will be sent again): {}", e.getMessage());
        }
    }

    private void run() {
        while (running) {
            try {
                applyAcks();
                if (!publishSome()) {
                    awaitChange();
                }
            } catch (OutboxException e) {
                log.error("outbox publisher: {}", e.getMessage());
                awaitChange();
            } catch (RuntimeException e) {
                log.error("outbox publisher failed; continuing", e);
                awaitChange();
            }
        }
        applyAcks();
    }

    /** Publishes what it may; returns whether it made progress. */
    private boolean publishSome() throws OutboxException {
        if (!bus.isConnected()) {
            return false;
        }
        if (rewind || ackOverdue()) {
            if (!rewind && !unacked.isEmpty()) {
                log.info("{}: no ack for {} events in {}; sending them again", outbox.device(), unacked.size(),
                        settings.resendAfter());
            }
            rewind = false;
            cursor = 0;
            unacked.clear();
            lastProgressNanos = System.nanoTime();
        }
        int room = settings.window() - unacked.size();
        if (room <= 0) {
            return false;
        }
        List<EventEnvelope> batch = outbox.pendingAfter(cursor, Math.min(room, settings.batch()));
        if (batch.isEmpty()) {
            return false;
        }
        String topic = topics.events(outbox.device());
        for (int from = 0; from < batch.size(); ) {
            List<EventEnvelope> group = new ArrayList<>();
            byte[] payload = pack(batch, from, group);
            try {
                bus.publish(topic, payload, false);
            } catch (BusException ex) {
                log.debug("publish paused at seq {}: {}", group.get(0).seq(), ex.getMessage());
                return false;
            }
            if (unacked.isEmpty()) {
                lastProgressNanos = System.nanoTime();
            }
            for (EventEnvelope e : group) {
                unacked.add(e.seq());
            }
            cursor = group.get(group.size() - 1).seq();
            from += group.size();
        }
        return true;
    }

    /**
     * The next message from {@code events[from…]}: as many consecutive events as fit in one
     * (by count and bytes), moved into {@code group}; a lone event travels as its own envelope.
     */
    private byte[] pack(List<EventEnvelope> events, int from, List<EventEnvelope> group) {
        byte[] first = codec.encode(events.get(from));
        group.add(events.get(from));
        if (settings.eventsPerMessage() == 1) {
            return first;
        }
        List<byte[]> encoded = new ArrayList<>();
        encoded.add(first);
        int bytes = EventBatch.overhead(outbox.device()) + first.length;
        for (int i = from + 1; i < events.size() && group.size() < settings.eventsPerMessage(); i++) {
            byte[] next = codec.encode(events.get(i));
            if (bytes + 1 + next.length > MessageCodec.MAX_PAYLOAD_BYTES) {
                break;
            }
            bytes += 1 + next.length;
            encoded.add(next);
            group.add(events.get(i));
        }
        return group.size() == 1 ? first : EventBatch.payload(outbox.device(), encoded);
    }

    private boolean ackOverdue() {
        return !unacked.isEmpty() && System.nanoTime() - lastProgressNanos > settings.resendAfter().toNanos();
    }

    private void awaitChange() {
        lock.lock();
        try {
            if (running && !woken) {
                // Bounded: also the clock for noticing an overdue ack or a full in-flight window.
                changed.await(Math.min(settings.resendAfter().toMillis(), 200), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
