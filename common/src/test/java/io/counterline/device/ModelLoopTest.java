package io.counterline.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelLoopTest {
    private static final long WAIT_SECONDS = 10;
    private final ModelLoop<Integer> loop = new ModelLoop<>("test-loop", 0, Duration.ofSeconds(5));

    @AfterEach
    void tearDown() {
        loop.close();
    }

    /** Waits until everything handed in before has run (the loop is FIFO). */
    private void drain() throws Exception {
        loop.call(() -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void execute_manyActionsFromManyThreads_eachThreadsActionsRunInOrderOnTheNamedThread() throws Exception {
        List<String> ran = new ArrayList<>(); // touched only on the loop: no lock needed
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            String sender = "s" + s;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    String item = sender + ":" + i;
                    loop.execute(() -> {
                        ran.add(item);
                        threads.add(Thread.currentThread().getName());
                    });
                }
            });
            t.start();
            senders.add(t);
        }
        go.countDown();
        for (Thread t : senders) {
            t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
        List<String> seen = loop.call(() -> List.copyOf(ran)).get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(seen).hasSize(800);
        for (int s = 0; s < 4; s++) {
            String prefix = "s" + s + ":";
            List<Integer> order = seen.stream().filter(x -> x.startsWith(prefix))
                    .map(x -> Integer.parseInt(x.substring(prefix.length()))).toList();
            assertThat(order).as("actions of sender %d in the order they were handed in", s).isSorted().hasSize(200);
        }
        assertThat(threads).containsOnly("test-loop");
    }

    @Test
    void execute_actionThrows_loopCarriesOnWithTheNext() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        loop.execute(() -> ran.add("first"));
        loop.execute(() -> {
            throw new IllegalStateException("boom");
        });
        loop.execute(() -> {
            throw new AssertionError("an Error too");
        });
        loop.execute(() -> ran.add("after"));
        drain();

        assertThat(ran).containsExactly("first", "after");
    }

    @Test
    void call_actionThrows_futureFailsWithItAndLoopCarriesOn() throws Exception {
        CompletableFuture<Integer> failed = loop.call(() -> {
            throw new IllegalArgumentException("bad");
        });

        assertThatThrownBy(() -> failed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(loop.call(() -> 42).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(42);
    }

    @Test
    void publish_listeners_calledInSubscriptionOrderWithEachModel() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        loop.subscribe(m -> told.add("a" + m));
        loop.subscribe(m -> {
            told.add("b" + m);
            throw new IllegalStateException("a broken view");
        });
        loop.subscribe(m -> told.add("c" + m));
        loop.execute(() -> loop.publish(1));
        loop.execute(() -> loop.publish(2));
        drain();

        assertThat(told).containsExactly("a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2");
        assertThat(loop.model()).isEqualTo(2);
    }

    @Test
    void publish_offTheLoop_refused() {
        assertThatThrownBy(() -> loop.publish(7)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-loop");
        assertThat(loop.model()).isZero();
    }

    @Test
    void after_delayedActionsAndCancel_runOnTheLoopUnlessCancelled() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        Future<?> cancelled = loop.after(Duration.ofMillis(20), () -> threads.add("cancelled"));
        cancelled.cancel(false);
        loop.after(Duration.ofMillis(20), () -> {
            threads.add(Thread.currentThread().getName());
            ran.countDown();
        });

        assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        drain();
        assertThat(threads).containsExactly("test-loop");
    }

    @Test
    void close_calledTwiceAndFromTheLoop_isIdempotentAndRunsWhatWasQueued() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.add("running");
        });
        loop.execute(() -> ran.add("queued"));
        loop.after(Duration.ofHours(1), () -> ran.add("delayed"));
        release.countDown();

        loop.close();
        loop.close();
        loop.execute(() -> ran.add("after close"));

        assertThat(ran).containsExactly("running", "queued");
        assertThatThrownBy(() -> loop.call(() -> 1).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RejectedExecutionException.class);
        assertThat(loop.after(Duration.ZERO, () -> ran.add("late")).isCancelled()).isTrue();
    }

    @Test
    void close_fromOneOfItsOwnActions_returnsAndTheLoopStops() throws Exception {
        loop.call(() -> {
            loop.close();
            return null;
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThatThrownBy(() -> loop.call(() -> 1).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RejectedExecutionException.class);
    }
}
