package io.counterline.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import io.counterline.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GpioKeysTest {
    private static final int PIN_A = 5;
    private static final int PIN_B = 6;

    private final ManualClock clock = new ManualClock();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private Context gpio;
    private MockLines lines;
    private GpioKeys<String> keys;

    @BeforeEach
    void setUp() {
        gpio = MockLines.newMockContext();
        lines = new MockLines(gpio);
        keys = open((key, event) -> {
            threads.add(Thread.currentThread().getName());
            events.add(key + " " + event);
        });
    }

    private GpioKeys<String> open(GpioKeys.Listener<String> listener) {
        GpioKeys<String> opened = new GpioKeys<>(gpio, "test-keys",
                Map.of("a", InputPinSettings.keyToGround(PIN_A), "b", InputPinSettings.keyToGround(PIN_B)),
                KeyTiming.DEFAULT, clock, listener);
        // The mock's lines start low, which an active-low key reads as held since start.
        lines.release(PIN_A);
        lines.release(PIN_B);
        clock.advanceMillis(100);
        return opened;
    }

    @AfterEach
    void tearDown() {
        keys.close();
        gpio.shutdown();
    }

    @Test
    void press_mockLineLow_eventsOnTheKeysOwnThread() {
        lines.press(PIN_B);
        clock.advanceMillis(30);

        await().atMost(Duration.ofSeconds(2)).until(() -> events.contains("b PRESSED"));
        assertThat(events).containsExactly("b PRESSED");
        assertThat(threads).containsOnly("test-keys");
    }

    @Test
    void press_bouncingWithinWindow_reportedOnce() {
        lines.press(PIN_A);
        clock.advanceMillis(5);
        lines.release(PIN_A);
        clock.advanceMillis(5);
        lines.press(PIN_A);
        clock.advanceMillis(29);
        keys.run(() -> events.add("marker"));
        await().atMost(Duration.ofSeconds(2)).until(() -> events.contains("marker"));
        // Two ticks after the marker have certainly polled the settled time.
        awaitTicks(2);
        assertThat(events).as("29 ms after the last bounce").containsExactly("marker");

        clock.advanceMillis(1);
        await().atMost(Duration.ofSeconds(2)).until(() -> events.contains("a PRESSED"));
        lines.release(PIN_A);
        clock.advanceMillis(30);
        await().atMost(Duration.ofSeconds(2)).until(() -> events.contains("a RELEASED"));

        assertThat(events).containsExactly("marker", "a PRESSED", "a SHORT_PRESS", "a RELEASED");
    }

    @Test
    void listener_throws_keysKeepWorking() {
        keys.close();
        keys = open((key, event) -> {
            events.add(key + " " + event);
            throw new IllegalStateException("listener bug");
        });

        lines.press(PIN_A);
        clock.advanceMillis(30);
        await().atMost(Duration.ofSeconds(2)).until(() -> events.contains("a PRESSED"));
        lines.release(PIN_A);
        clock.advanceMillis(30);

        await().atMost(Duration.ofSeconds(2)).until(() -> events.contains("a RELEASED"));
    }

    @Test
    void close_releasesTheLines() {
        keys.close();

        assertThat(gpio.registry().all()).isEmpty();
    }

    /** Waits until the keys' thread has run {@code n} ticks' worth of queued tasks. */
    private void awaitTicks(int n) {
        for (int i = 0; i < n; i++) {
            String marker = "tick-" + i;
            List<String> seen = new CopyOnWriteArrayList<>();
            keys.runAfter(GpioKeys.TICK, () -> seen.add(marker));
            await().atMost(Duration.ofSeconds(2)).until(() -> seen.contains(marker));
        }
    }
}
