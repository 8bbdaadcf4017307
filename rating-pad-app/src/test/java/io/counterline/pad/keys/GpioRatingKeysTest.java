package io.counterline.pad.keys;

import static io.counterline.protocol.RatingLevel.SATISFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.protocol.RatingLevel;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.testing.ManualClock;
import io.counterline.gpio.MockLines;
import io.counterline.gpio.OutputPinSettings;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GpioRatingKeysTest {
    // The default wiring from docs/hardware-gpio.md.
    private static final int KEY_VERY_SATISFIED = 5;
    private static final int KEY_SATISFIED = 6;
    private static final int KEY_AVERAGE = 13;
    private static final int KEY_DISSATISFIED = 19;
    private static final int LED_VERY_SATISFIED = 12;
    private static final int LED_SATISFIED = 16;
    private static final int LED_AVERAGE = 20;
    private static final int LED_DISSATISFIED = 21;
    private static final List<Integer> KEYS = List.of(KEY_VERY_SATISFIED, KEY_SATISFIED, KEY_AVERAGE, KEY_DISSATISFIED);
    private static final List<Integer> LEDS = List.of(LED_VERY_SATISFIED, LED_SATISFIED, LED_AVERAGE, LED_DISSATISFIED);
    private static final Duration THANKS_FOR = Duration.ofMillis(300);

    static final RatingKeysSettings SETTINGS = new RatingKeysSettings(
            Map.of(RatingLevel.VERY_SATISFIED, InputPinSettings.keyToGround(KEY_VERY_SATISFIED),
                    RatingLevel.SATISFIED, InputPinSettings.keyToGround(KEY_SATISFIED),
                    RatingLevel.AVERAGE, InputPinSettings.keyToGround(KEY_AVERAGE),
                    RatingLevel.DISSATISFIED, InputPinSettings.keyToGround(KEY_DISSATISFIED)),
            Map.of(RatingLevel.VERY_SATISFIED, OutputPinSettings.ledToGround(LED_VERY_SATISFIED),
                    RatingLevel.SATISFIED, OutputPinSettings.ledToGround(LED_SATISFIED),
                    RatingLevel.AVERAGE, OutputPinSettings.ledToGround(LED_AVERAGE),
                    RatingLevel.DISSATISFIED, OutputPinSettings.ledToGround(LED_DISSATISFIED)),
            KeyTiming.DEFAULT,
            THANKS_FOR);

    private final ManualClock clock = new ManualClock();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private Context gpio;
    private MockLines lines;
    private GpioRatingKeys pad;

    @BeforeEach
    void setUp() {
        gpio = MockLines.newMockContext();
        lines = new MockLines(gpio);
        pad = new GpioRatingKeys(gpio, SETTINGS, clock);
        pad.setListener(new RatingKeyListener() {
            @Override
            public void pressed(RatingLevel level) {
                threads.add(Thread.currentThread().getName());
                heard.add("pressed " + level);
            }

            @Override
            public void stuck(RatingLevel level) {
                heard.add("stuck " + level);
            }

            @Override
            public void released(RatingLevel level) {
                heard.add("released " + level);
            }
        });
        // The mock's inputs start low, which active-low keys read as held since start: let go.
        KEYS.forEach(lines::release);
        clock.advanceMillis(100);
    }

    @AfterEach
    void tearDown() {
        pad.close();
        gpio.shutdown();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(2));
    }

    @Test
    void press_key2_listenerHearsSatisfiedOnceOnTheKeysThread() {
        lines.press(KEY_SATISFIED);
        clock.advanceMillis(30);
        eventually().until(() -> heard.contains("pressed SATISFIED"));
        lines.release(KEY_SATISFIED);
        clock.advanceMillis(30);
        eventually().until(() -> heard.contains("released SATISFIED"));

        assertThat(heard).containsExactly("pressed SATISFIED", "released SATISFIED");
        assertThat(threads).containsExactly("rating-keys");
        assertThat(pad.health()).isEqualTo(Health.OK);
    }

    @Test
    void press_bouncingWithinWindow_heardOnce() {
        lines.press(KEY_SATISFIED);
        clock.advanceMillis(3);
        lines.release(KEY_SATISFIED);
        clock.advanceMillis(4);
        lines.press(KEY_SATISFIED);
        clock.advanceMillis(2);
        lines.release(KEY_SATISFIED);
        clock.advanceMillis(5);
        lines.press(KEY_SATISFIED);
        clock.advanceMillis(30);
        eventually().until(() -> heard.contains("pressed SATISFIED"));
        lines.release(KEY_SATISFIED);
        clock.advanceMillis(2);
        lines.press(KEY_SATISFIED);
        clock.advanceMillis(3);
        lines.release(KEY_SATISFIED);
        clock.advanceMillis(30);
        eventually().until(() -> heard.contains("released SATISFIED"));

        assertThat(heard).containsExactly("pressed SATISFIED", "released SATISFIED");
    }

    @Test
    void stuckKey_heldPastThreshold_healthDegradedUntilReleased() {
        lines.press(KEY_SATISFIED);
        clock.advanceMillis(30);
        eventually().until(() -> heard.contains("pressed SATISFIED"));
        assertThat(pad.health()).isEqualTo(Health.OK);

        clock.advance(Duration.ofSeconds(5));
        eventually().until(() -> pad.health().level() == HealthLevel.DEGRADED);
        assertThat(pad.health().reason()).isEqualTo("key 满意 stuck");
        eventually().until(() -> heard.contains("stuck SATISFIED"));

        lines.release(KEY_SATISFIED);
        clock.advanceMillis(30);
        eventually().until(() -> pad.health().equals(Health.OK));
        assertThat(heard).containsExactly("pressed SATISFIED", "stuck SATISFIED", "released SATISFIED");
    }

    @Test
    void showInvite_allFourLedsOn() {
        pad.showInvite();

        eventually().untilAsserted(() -> assertThat(LEDS).allMatch(lines::isHigh));
    }

    @Test
    void showThanks_onlyChosenLedOnThenAllOff() {
        pad.showInvite();
        eventually().untilAsserted(() -> assertThat(LEDS).allMatch(lines::isHigh));

        pad.showThanks(SATISFIED);
        eventually().untilAsserted(() -> {
            assertThat(lines.isHigh(LED_SATISFIED)).isTrue();
            assertThat(List.of(LED_VERY_SATISFIED, LED_AVERAGE, LED_DISSATISFIED)).noneMatch(lines::isHigh);
        });

        eventually().untilAsserted(() -> assertThat(LEDS).noneMatch(lines::isHigh));
    }

    @Test
    void showThanks_thenInvite_inviteIsNotCutShortByTheEndOfThanks() {
        pad.showThanks(SATISFIED);
        pad.showInvite();
        eventually().untilAsserted(() -> assertThat(LEDS).allMatch(lines::isHigh));

        // Well past thanks-for: the cancelled end of thanks must not have darkened the invite.
        await().pollDelay(THANKS_FOR.multipliedBy(2)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(LEDS).allMatch(lines::isHigh));
    }

    @Test
    void off_afterInvite_allLedsOff() {
        pad.showInvite();
        eventually().untilAsserted(() -> assertThat(LEDS).allMatch(lines::isHigh));

        pad.off();

        eventually().untilAsserted(() -> assertThat(LEDS).noneMatch(lines::isHigh));
    }

    @Test
    void open_pinAlreadyTaken_offlineWithoutThrowingAndNoLinesLeftOpen() {
        pad.close();
        DigitalInput squatter = gpio.create(DigitalInput.newConfigBuilder(gpio).id("squatter").address(KEY_AVERAGE));

        GpioRatingKeys broken = new GpioRatingKeys(gpio, SETTINGS, clock);
        broken.showInvite();
        broken.close();

        assertThat(broken.health().level()).isEqualTo(HealthLevel.OFFLINE);
        assertThat(broken.health().reason()).startsWith("rating keys: cannot open GPIO lines");
        assertThat(gpio.registry().all()).containsOnlyKeys(squatter.id());
    }
}
