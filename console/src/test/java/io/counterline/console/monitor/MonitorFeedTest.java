package io.counterline.console.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.console.BranchDirectory;
import io.counterline.console.auth.Scope;
import io.counterline.console.report.BranchHistory;
import io.counterline.console.report.FakeBranchHistory;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.TellerRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonitorFeedTest {
    private static final BranchDirectory DIR = new BranchDirectory("b001", "测试支行", ZoneId.of("Asia/Shanghai"),
            List.of(new BranchDirectory.Named("t1", "王芳")),
            List.of(new BranchDirectory.Named("c1", "1号窗口"), new BranchDirectory.Named("c2", "2号窗口")),
            List.of(new BranchDirectory.Named("A", "个人业务")));

    private static final BranchHistory NO_HISTORY = FakeBranchHistory.empty();

    private final MonitorFeed feed = new MonitorFeed(() -> DIR, NO_HISTORY, Clock.systemUTC(), Duration.ofMillis(100));

    /** A stream that records what it gets; {@link #gone} makes it behave as a closed connection. */
    private static class Stream implements MonitorFeed.Subscriber {
        final List<MonitorEvent> got = new CopyOnWriteArrayList<>();
        final AtomicBoolean gone = new AtomicBoolean();
        final Scope scope;

        Stream(Scope scope) {
            this.scope = scope;
        }

        @Override
        public boolean send(MonitorEvent event) {
            if (gone.get()) {
                return false;
            }
            got.add(event);
            return true;
        }

        @Override
        public boolean heartbeat() {
            return !gone.get();
        }

        @Override
        public Scope scope() {
            return scope;
        }
    }

    @AfterEach
    void close() {
        feed.close();
    }

    private static CounterState counter(String id, String teller) {
        return new CounterState(MessageCodec.VERSION, id, id, id, CounterStatus.IDLE, null,
                new TellerRef(teller, teller, "E1"), null, Instant.now());
    }

    @Test
    void newStream_getsASnapshot_thenEveryChange() {
        feed.counter(counter("c1", "t1"));
        Stream s = new Stream(Scope.BRANCH);
        feed.subscribe(s, Optional.empty());
        feed.counter(counter("c2", "t1"));
        await().until(() -> s.got.size() == 2);
        assertThat(s.got).extracting(MonitorEvent::type).containsExactly("snapshot", "counter");
        assertThat(s.got.get(0).json()).contains("\"counter\":\"c1\"");
        assertThat(s.got.get(1).json()).contains("\"counter\":\"c2\"");
    }

    @Test
    void resumingWithLastEventId_replaysOnlyWhatWasMissed() {
        Stream first = new Stream(Scope.BRANCH);
        feed.subscribe(first, Optional.empty());
        feed.counter(counter("c1", "t1"));
        await().until(() -> first.got.size() == 2);
        String lastSeen = first.got.get(1).id();
        first.gone.set(true);
        feed.counter(counter("c2", "t1"));
        feed.counter(counter("c1", "t1"));

        Stream resumed = new Stream(Scope.BRANCH);
        feed.subscribe(resumed, Optional.of(lastSeen));
        await().until(() -> resumed.got.size() == 2);
        assertThat(resumed.got).extracting(MonitorEvent::type).containsExactly("counter", "counter");
        assertThat(resumed.got.get(0).sequence()).isEqualTo(first.got.get(1).sequence() + 1);

        Stream stranger = new Stream(Scope.BRANCH);
        feed.subscribe(stranger, Optional.of("another-boot-7"));
        await().until(() -> stranger.got.size() == 1);
        assertThat(stranger.got.get(0).type()).isEqualTo("snapshot");
    }

    @Test
    void deadStream_isDroppedAtTheNextHeartbeat() {
        Stream s = new Stream(Scope.BRANCH);
        feed.subscribe(s, Optional.empty());
        await().until(() -> feed.subscriberCount() == 1);
        s.gone.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.subscriberCount() == 0);
    }

    @Test
    void scopedStream_getsOnlyItsCounters() {
        Stream s = new Stream(Scope.parse("counters=c2"));
        feed.subscribe(s, Optional.empty());
        feed.counter(counter("c1", "t1"));
        feed.counter(counter("c2", "t1"));
        await().until(() -> s.got.size() == 2);
        assertThat(s.got.get(1).counter()).isEqualTo("c2");
    }

    @Test
    void streamWhoseWriteBlocks_delaysNobody_andIsDroppedWhenTooFarBehind() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        AtomicBoolean dropped = new AtomicBoolean();
        Stream stuck = new Stream(Scope.BRANCH) {
            @Override
            public boolean send(MonitorEvent event) {
                try {
                    never.await(); // a browser that stopped reading: the write never returns
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }

            @Override
            public void drop() {
                dropped.set(true);
            }
        };
        Stream reading = new Stream(Scope.BRANCH);
        feed.subscribe(stuck, Optional.empty());
        feed.subscribe(reading, Optional.empty());
        int events = MonitorFeed.STREAM_QUEUE + 10;
        for (int i = 0; i < events; i++) {
            feed.counter(counter("c1", "t1"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> reading.got.size() == events + 1);
        await().atMost(Duration.ofSeconds(20)).until(dropped::get);
        assertThat(feed.subscriberCount()).isEqualTo(1);
        never.countDown();
    }

    @Test
    void notices_goToTheScopesThatSeeTheirOrder_andAreInTheNextSnapshot() {
        Stream branch = new Stream(Scope.BRANCH);
        Stream c2 = new Stream(Scope.parse("counters=c2"));
        feed.subscribe(branch, Optional.empty());
        feed.subscribe(c2, Optional.empty());
        feed.notice("c1", java.util.Map.of("order", 7, "level", "notice"));
        feed.notice(null, java.util.Map.of("order", 8, "level", "reminder"));
        feed.notice("c2", java.util.Map.of("order", 9, "level", "second"));
        await().until(() -> branch.got.size() == 4 && c2.got.size() == 2);
        assertThat(branch.got.subList(1, 4)).extracting(MonitorEvent::type).containsOnly("notice");
        assertThat(c2.got.get(1).json()).as("a c2-only user sees neither c1's order nor a branch-wide one")
                .contains("\"order\":9");

        Stream later = new Stream(Scope.parse("counters=c2"));
        feed.subscribe(later, Optional.empty());
        await().until(() -> later.got.size() == 1);
        assertThat(later.got.get(0).json()).contains("\"notices\":[{").contains("\"order\":9")
                .doesNotContain("\"order\":7").doesNotContain("\"order\":8");
    }
}
