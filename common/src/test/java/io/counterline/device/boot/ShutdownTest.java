package io.counterline.device.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownTest {
    private final List<String> closed = new CopyOnWriteArrayList<>();

    @Test
    void close_reverseOrderOnce() {
        Shutdown shutdown = new Shutdown("test");
        shutdown.add("runtime", () -> closed.add("runtime"));
        shutdown.add("hardware", () -> closed.add("hardware"));
        shutdown.add("window", () -> closed.add("window"));

        shutdown.close();
        shutdown.close();

        assertThat(closed).containsExactly("window", "hardware", "runtime");
        assertThat(shutdown.isClosed()).isTrue();
    }

    @Test
    void close_aPartFails_theOthersStillClose() {
        Shutdown shutdown = new Shutdown("test");
        shutdown.add("runtime", () -> closed.add("runtime"));
        shutdown.add("printer", () -> {
            throw new IllegalStateException("printer gone");
        });

        shutdown.close();

        assertThat(closed).containsExactly("runtime");
    }

    @Test
    void close_fromTwoThreads_theSecondWaitsForTheFirst() throws Exception {
        Shutdown shutdown = new Shutdown("test");
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        shutdown.add("runtime", () -> closed.add("runtime"));
        shutdown.add("slow", () -> {
            closing.countDown();
            release.await(10, TimeUnit.SECONDS);
            closed.add("slow");
        });
        Thread first = new Thread(shutdown::close, "first");
        first.start();
        assertThat(closing.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch secondDone = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            shutdown.close();
            secondDone.countDown();
        }, "second");
        second.start();

        assertThat(secondDone.await(200, TimeUnit.MILLISECONDS)).as("second close returned early").isFalse();
        release.countDown();
        assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(closed).containsExactly("slow", "runtime");
        first.join();
    }

    @Test
    void add_afterClosing_refused() {
        Shutdown shutdown = new Shutdown("test");
        shutdown.close();

        assertThatThrownBy(() -> shutdown.add("late", () -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void await_returnsOnceClosed() throws Exception {
        Shutdown shutdown = new Shutdown("test");
        Thread closer = new Thread(shutdown::close);
        closer.start();

        shutdown.await();

        assertThat(shutdown.isClosed()).isTrue();
    }
}
