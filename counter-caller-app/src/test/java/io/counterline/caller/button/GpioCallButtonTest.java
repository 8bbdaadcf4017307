package io.counterline.caller.button;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.testing.ManualClock;
import io.counterline.gpio.MockLines;
import io.counterline.gpio.OutputPinSettings;
import io.counterline.protocol.Health;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GpioCallButtonTest {
    // The default wiring from docs/hardware-gpio.md.
    private static final int BUTTON = 23;
    private static final int LED = 24;

    private final ManualClock clock = new ManualClock();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private Context gpio;
    private MockLines lines;
    private GpioCallButton button;

    @BeforeEach
    void setUp() {
        gpio = MockLines.newMockContext();
        lines = new MockLines(gpio);
        button = new GpioCallButton(gpio, new CallButtonSettings(InputPinSettings.keyToGround(BUTTON),
                Optional.of(OutputPinSettings.ledToGround(LED)), KeyTiming.DEFAULT), clock);
        button.setListener(new CallButtonListener() {
            @Override
            public void callNext() {
                heard.add(Thread.currentThread().getName() + " callNext");
            }

            @Override
            public void recall() {
                heard.add(Thread.currentThread().getName() + " recall");
            }
        });
        // The mock's inputs start low, which an active-low button reads as held since start: let go.
        lines.release(BUTTON);
        clock.advanceMillis(100);
    }

    @AfterEach
    void tearDown() {
        button.close();
        gpio.shutdown();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(2));
    }

    @Test
    void press_short_callNextOnTheButtonsThread() {
        lines.press(BUTTON);
        clock.advanceMillis(200);
        lines.release(BUTTON);
        clock.advanceMillis(30);

        eventually().until(() -> !heard.isEmpty());
        assertThat(heard).containsExactly("call-button callNext");
    }

    @Test
    void press_long_recallWhileHeldAndNoCallNextOnRelease() {
        lines.press(BUTTON);
        clock.advance(Duration.ofMillis(1500));
        eventually().until(() -> !heard.isEmpty());
        assertThat(heard).containsExactly("call-button recall");

        lines.release(BUTTON);
        clock.advanceMillis(30);
        lines.press(BUTTON);
        clock.advanceMillis(100);
        lines.release(BUTTON);
        clock.advanceMillis(30);
        eventually().until(() -> heard.size() == 2);

        assertThat(heard).containsExactly("call-button recall", "call-button callNext");
    }

    @Test
    void press_bouncing_countedOnce() {
        lines.press(BUTTON);
        clock.advanceMillis(2);
        lines.release(BUTTON);
        clock.advanceMillis(3);
        lines.press(BUTTON);
        clock.advanceMillis(150);
        lines.release(BUTTON);
        clock.advanceMillis(4);
        lines.press(BUTTON);
        clock.advanceMillis(2);
        lines.release(BUTTON);
        clock.advanceMillis(30);
        eventually().until(() -> !heard.isEmpty());
        // A second, clean press proves nothing else was queued behind the first.
        lines.press(BUTTON);
        clock.advanceMillis(100);
        lines.release(BUTTON);
        clock.advanceMillis(30);
        eventually().until(() -> heard.size() >= 2);

        assertThat(heard).containsExactly("call-button callNext", "call-button callNext");
    }

    @Test
    void held_pastStuckThreshold_degradedUntilReleased() {
        lines.press(BUTTON);
        clock.advance(Duration.ofSeconds(5));
        eventually().until(() -> button.health().equals(Health.degraded("call button stuck")));

        lines.release(BUTTON);
        clock.advanceMillis(30);

        eventually().until(() -> button.health().equals(Health.OK));
        assertThat(heard).as("the long press came before the key was found stuck").containsExactly("call-button recall");
    }

    @Test
    void setLit_trueThenFalse_ledFollows() {
        assertThat(lines.isHigh(LED)).isFalse();

        button.setLit(true);
        eventually().until(() -> lines.isHigh(LED));

        button.setLit(false);
        eventually().until(() -> !lines.isHigh(LED));
    }

    @Test
    void setLit_withoutLed_ignored() {
        button.close();
        button = new GpioCallButton(gpio, new CallButtonSettings(InputPinSettings.keyToGround(BUTTON),
                Optional.empty(), KeyTiming.DEFAULT), clock);

        button.setLit(true);

        assertThat(gpio.registry().all()).hasSize(1);
        assertThat(button.health()).isEqualTo(Health.OK);
    }
}
