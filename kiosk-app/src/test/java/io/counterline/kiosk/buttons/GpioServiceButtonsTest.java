package io.counterline.kiosk.buttons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.testing.ManualClock;
import io.counterline.gpio.MockLines;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GpioServiceButtonsTest {
    private static final ServiceButtonsSettings SETTINGS = new ServiceButtonsSettings(List.of(
            new ServiceButtonsSettings.Button("A", InputPinSettings.keyToGround(17)),
            new ServiceButtonsSettings.Button("B", InputPinSettings.keyToGround(27))),
            KeyTiming.DEFAULT);

    private final ManualClock clock = new ManualClock();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private Context gpio;
    private MockLines lines;
    private GpioServiceButtons buttons;

    @BeforeEach
    void setUp() {
        gpio = MockLines.newMockContext();
        lines = new MockLines(gpio);
        buttons = new GpioServiceButtons(gpio, SETTINGS, clock);
        buttons.setListener(serviceId -> heard.add(Thread.currentThread().getName() + " " + serviceId));
        // The mock's inputs start low, which active-low buttons read as held since start: let go.
        lines.release(17);
        lines.release(27);
        clock.advanceMillis(100);
    }

    @AfterEach
    void tearDown() {
        buttons.close();
        gpio.shutdown();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(2));
    }

    @Test
    void press_pin17_pressedServiceAOnTheButtonsThread() {
        lines.press(17);
        clock.advanceMillis(30);

        eventually().until(() -> !heard.isEmpty());
        assertThat(heard).containsExactly("service-buttons A");
    }

    @Test
    void press_bothButtonsBouncing_eachOnce() {
        lines.press(27);
        clock.advanceMillis(4);
        lines.release(27);
        lines.press(17);
        clock.advanceMillis(3);
        lines.press(27);
        lines.release(17);
        clock.advanceMillis(2);
        lines.press(17);
        clock.advanceMillis(30);
        eventually().until(() -> heard.size() >= 2);
        lines.release(17);
        lines.release(27);
        clock.advanceMillis(30);
        lines.press(17);
        clock.advanceMillis(30);
        eventually().until(() -> heard.size() >= 3);

        assertThat(heard).containsExactlyInAnyOrder("service-buttons A", "service-buttons B", "service-buttons A");
    }

    @Test
    void held_pastStuckThreshold_degradedNamingTheServiceUntilReleased() {
        lines.press(27);
        clock.advance(Duration.ofSeconds(5).plusMillis(30));
        eventually().until(() -> buttons.health().level() == HealthLevel.DEGRADED);
        assertThat(buttons.health().reason()).isEqualTo("button B stuck");

        lines.release(27);
        clock.advanceMillis(30);

        eventually().until(() -> buttons.health().equals(Health.OK));
    }
}
