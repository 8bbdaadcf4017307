package io.counterline.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.messaging.InMemoryBus;
import io.counterline.protocol.Ack;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventIngestTest {
    private final MessageCodec codec = new MessageCodec();
    private final Topics topics = Topics.of("b001");

    private EventEnvelope event(String device, long seq) {
        return new EventEnvelope(MessageCodec.VERSION, UUID.randomUUID().toString(), seq, device,
                EventType.HEALTH_CHANGED, Instant.parse("2026-11-22T02:00:00Z"), 1, codec.emptyBody());
    }

    @Test
    void ackOverTheLimit_isSplitToFit_andDoesNotHoldUpAnotherDevicesAck() throws Exception {
        InMemoryBus broker = new InMemoryBus();
        CountDownLatch firstBatchIn = new CountDownLatch(1);
        CountDownLatch allQueued = new CountDownLatch(1);
        EventIngest ingest = new EventIngest(broker.client("server"), topics, events -> {
            firstBatchIn.countDown();
            allQueued.await(10, TimeUnit.SECONDS);
            return events;
        }).start();
        Map<String, List<Long>> acked = new ConcurrentHashMap<>();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        for (String device : List.of("kiosk-1", "kiosk-2")) {
            broker.client(device).subscribe(topics.acks(device), (t, payload) -> {
                sizes.add(payload.length);
                Ack ack = codec.decode(payload, Ack.class).orThrow();
                acked.computeIfAbsent(device, d -> new CopyOnWriteArrayList<>()).addAll(ack.seqs());
            });
        }
        InMemoryBus.Client kiosk1 = broker.client("kiosk-1-pub");
        InMemoryBus.Client kiosk2 = broker.client("kiosk-2-pub");
        kiosk2.publish(topics.events("kiosk-2"), codec.encode(event("kiosk-2", 1)), false);
        assertThat(firstBatchIn.await(10, TimeUnit.SECONDS)).isTrue();
        // One batch: 900 events of kiosk-1 with 19-digit sequence numbers (an ack of ~18 KB), then kiosk-2's.
        List<Long> big = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            long seq = 1_000_000_000_000_000_000L + i;
            big.add(seq);
            kiosk1.publish(topics.events("kiosk-1"), codec.encode(event("kiosk-1", seq)), false);
        }
        kiosk2.publish(topics.events("kiosk-2"), codec.encode(event("kiosk-2", 2)), false);
        // The ingest counts on receipt: all 902 are waiting behind the first batch.
        await().atMost(Duration.ofSeconds(10)).until(() -> ingest.stats().received() == 902);
        allQueued.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> acked.getOrDefault("kiosk-2", List.of()).size() == 2
                && acked.getOrDefault("kiosk-1", List.of()).size() == 900);
        assertThat(acked.get("kiosk-2")).containsExactlyInAnyOrder(1L, 2L);
        assertThat(acked.get("kiosk-1")).containsExactlyInAnyOrderElementsOf(big);
        assertThat(sizes).allMatch(n -> n <= MessageCodec.MAX_PAYLOAD_BYTES);
        ingest.close();
    }
}
