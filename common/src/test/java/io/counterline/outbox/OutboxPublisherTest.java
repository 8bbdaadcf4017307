package io.counterline.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.messaging.InMemoryBus;
import io.counterline.protocol.Ack;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxPublisherTest {
    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private final Topics topics = Topics.of("b001");
    private final InMemoryBus broker = new InMemoryBus();
    private final InMemoryBus.Client deviceBus = broker.client("kiosk-1");
    private final InMemoryBus.Client serverBus = broker.client("server");
    /** What the fake server received, and whether it acks. */
    private final List<Long> received = new CopyOnWriteArrayList<>();
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean serverAcks = new AtomicBoolean(true);
    private Outbox outbox;
    private OutboxPublisher publisher;

    /** Messages the fake server received (an envelope or a batch of them). */
    private final List<Integer> eventsPerMessage = new CopyOnWriteArrayList<>();
    private final List<Integer> messageBytes = new CopyOnWriteArrayList<>();

    private void startServer() {
        serverBus.subscribe(topics.allDevices(Topics.Channel.EVT), (topic, payload) -> {
            List<EventEnvelope> events = codec.decodeEvents(payload, "kiosk-1").orThrow().stream()
                    .map(Decoded::orThrow).toList();
            eventsPerMessage.add(events.size());
            messageBytes.add(payload.length);
            for (EventEnvelope e : events) {
                received.add(e.seq());
                held.add(e.seq());
            }
            if (serverAcks.get()) {
                EventEnvelope first = events.get(0);
                try {
                    serverBus.publish(topics.acks(first.device()), codec.encode(Ack.of(first.device(), first.boot(),
                            events.stream().map(EventEnvelope::seq).toList())), false);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }
        });
    }

    private void startDevice(Duration resendAfter) throws OutboxException {
        startDevice(new OutboxPublisher.Settings(50, 20, resendAfter));
    }

    private void startDevice(OutboxPublisher.Settings settings) throws OutboxException {
        outbox = Outbox.open(dir.resolve("outbox.db"), "kiosk-1", 1000, Clock.systemUTC());
        publisher = new OutboxPublisher(outbox, deviceBus, topics, settings).start();
    }

    private void append(int n) throws OutboxException {
        for (int i = 0; i < n; i++) {
            outbox.append(EventType.HEALTH_CHANGED, codec.emptyBody().put("i", i));
            publisher.wake();
        }
    }

    @AfterEach
    void stop() {
        publisher.close();
        outbox.close();
        deviceBus.close();
        serverBus.close();
    }

    @Test
    void append_serverAcks_outboxEmptiesInOrder() throws Exception {
        startServer();
        startDevice(Duration.ofSeconds(5));
        append(120);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.size() == 0);
        // At least once on the wire (a connect may resend the first few), in sequence order.
        assertThat(held).hasSize(120);
        assertThat(received.stream().distinct().toList()).startsWith(1L, 2L, 3L).hasSize(120).isSorted();
    }

    @Test
    void eventsPerMessage_consecutiveEventsTravelInBatchesWithinTheLimits_eachAcknowledgedBySeq() throws Exception {
        startServer();
        startDevice(new OutboxPublisher.Settings(50, 20, Duration.ofSeconds(5), 8));
        append(120);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.size() == 0);
        assertThat(held).hasSize(120);
        assertThat(received.stream().distinct().toList()).startsWith(1L, 2L, 3L).hasSize(120).isSorted();
        assertThat(eventsPerMessage).allMatch(n -> n <= 8).contains(8);
        assertThat(eventsPerMessage.size()).isLessThan(120);
    }

    @Test
    void eventsPerMessage_largeEvents_batchesStayWithinThePayloadLimit_aLoneEventTravelsAlone() throws Exception {
        startServer();
        startDevice(new OutboxPublisher.Settings(50, 20, Duration.ofSeconds(5), 100));
        for (int i = 0; i < 12; i++) {
            outbox.append(EventType.HEALTH_CHANGED, codec.emptyBody().put("pad", "x".repeat(5000)).put("i", i));
        }
        outbox.append(EventType.HEALTH_CHANGED, codec.emptyBody().put("pad", "y".repeat(16_000)));
        publisher.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.size() == 0);
        assertThat(held).hasSize(13);
        assertThat(messageBytes).allMatch(n -> n <= MessageCodec.MAX_PAYLOAD_BYTES);
        assertThat(eventsPerMessage).contains(3).endsWith(1);
    }

    @Test
    void noAck_eventsStayAndAreResent() throws Exception {
        serverAcks.set(false);
        startServer();
        startDevice(Duration.ofMillis(300));
        append(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 20);
        assertThat(outbox.size()).isEqualTo(10);
        serverAcks.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.size() == 0);
        assertThat(held).hasSize(10);
    }

    @Test
    void brokerCut_thenRestored_everythingArrives() throws Exception {
        startServer();
        startDevice(Duration.ofSeconds(5));
        broker.cut();
        append(30);
        assertThat(outbox.size()).isEqualTo(30);
        broker.restore();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.size() == 0);
        assertThat(held).hasSize(30);
    }

    @Test
    void window_serverSilent_neverMoreThanWindowOutstanding() throws Exception {
        serverAcks.set(false);
        startServer();
        startDevice(Duration.ofSeconds(30));
        append(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(50L));
        // The first 50 filled the window; nothing more goes out until acks or the resend timer.
        // (At least once: a connect may send some of them twice, so distinct sequences count.)
        // The sentinel: an ack for one event opens one slot, so exactly one more, 51, goes out;
        // when it has arrived, anything beyond the window sent before it would have arrived too.
        ack(1L);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(51L));
        assertThat(received.stream().distinct().sorted().toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 51).boxed().toList());
    }

    @Test
    void ack_whileTheOutboxFileIsBusy_doesNotHoldUpTheBusThread() throws Exception {
        serverAcks.set(false);
        startServer();
        startDevice(Duration.ofSeconds(30));
        append(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(3L));
        CountDownLatch answered = new CountDownLatch(1);
        deviceBus.subscribe(topics.responses("kiosk-1"), (topic, payload) -> answered.countDown());
        // Another thread holds the outbox (an append or a delete mid-fsync): an ack must not make
        // the bus's delivery thread wait for it, or every answer behind the ack waits too.
        synchronized (outbox) {
            ack(1L, 2L, 3L);
            serverBus.publish(topics.responses("kiosk-1"), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    false);
            assertThat(answered.await(10, TimeUnit.SECONDS))
                    .as("the answer published after the ack was delivered while the outbox was busy").isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.size() == 0);
    }

    private void ack(Long... seqs) throws Exception {
        serverBus.publish(topics.acks("kiosk-1"), codec.encode(Ack.of("kiosk-1", outbox.boot(), List.of(seqs))), false);
    }
}
