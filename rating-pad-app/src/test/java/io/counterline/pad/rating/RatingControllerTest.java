package io.counterline.pad.rating;

import static io.counterline.pad.Pads.COUNTER;
import static io.counterline.pad.Pads.arm;
import static io.counterline.pad.Pads.pendingRatings;
import static io.counterline.pad.Pads.publishArm;
import static io.counterline.pad.Pads.ratings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import io.counterline.audio.Phrases;
import io.counterline.audio.SimulatedAnnouncer;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.ScriptedServer;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.testing.ManualClock;
import io.counterline.gpio.MockLines;
import io.counterline.gpio.OutputPinSettings;
import io.counterline.messaging.InMemoryBus;
import io.counterline.pad.PadNode;
import io.counterline.pad.Pads;
import io.counterline.pad.keys.GpioRatingKeys;
import io.counterline.pad.keys.RatingKeysSettings;
import io.counterline.pad.voice.PadVoice;
import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.Bodies.RatingGiven;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import io.counterline.protocol.RatingLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pad on Pi4J mock lines (keys and LEDs), a runtime on the in-memory broker and a scripted server. */
class RatingControllerTest {
    // The default wiring from docs/hardware-gpio.md.
    private static final Map<RatingLevel, Integer> KEYS = Map.of(RatingLevel.VERY_SATISFIED, 5,
            RatingLevel.SATISFIED, 6, RatingLevel.AVERAGE, 13, RatingLevel.DISSATISFIED, 19);
    private static final Map<RatingLevel, Integer> LEDS = Map.of(RatingLevel.VERY_SATISFIED, 12,
            RatingLevel.SATISFIED, 16, RatingLevel.AVERAGE, 20, RatingLevel.DISSATISFIED, 21);
    private static final int KEY_2 = KEYS.get(RatingLevel.SATISFIED);

    @TempDir
    Path dataDir;

    private final ManualClock keyClock = new ManualClock();
    private final InMemoryBus broker = new InMemoryBus();
    private final ScriptedServer server = new ScriptedServer(broker, Pads.BRANCH);
    private final SimulatedAnnouncer announcer = new SimulatedAnnouncer();
    private Context gpio;
    private MockLines lines;
    private DeviceRuntime runtime;
    private PadNode pad;

    @BeforeEach
    void setUp() throws Exception {
        gpio = MockLines.newMockContext();
        lines = new MockLines(gpio);
        runtime = Pads.runtime(broker, dataDir);
        GpioRatingKeys keys = new GpioRatingKeys(gpio, keySettings(), keyClock);
        // The mock's inputs start low, which active-low keys read as held since start: let go.
        KEYS.values().forEach(lines::release);
        keyClock.advanceMillis(100);
        pad = PadNode.start(Pads.settings(), runtime, keys, new PadVoice(announcer, Health.OK, runtime.health()));
    }

    @AfterEach
    void tearDown() {
        pad.close();
        runtime.close();
        gpio.shutdown();
    }

    private static RatingKeysSettings keySettings() {
        Map<RatingLevel, InputPinSettings> keys = new java.util.EnumMap<>(RatingLevel.class);
        Map<RatingLevel, OutputPinSettings> leds = new java.util.EnumMap<>(RatingLevel.class);
        KEYS.forEach((level, pin) -> keys.put(level, InputPinSettings.keyToGround(pin)));
        LEDS.forEach((level, pin) -> leds.put(level, OutputPinSettings.ledToGround(pin)));
        return new RatingKeysSettings(keys, leds, KeyTiming.DEFAULT, Pads.THANKS_FOR);
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(5));
    }

    /**
     * A clean press of the key on {@code bcm}: down past the debounce window until the pad has
     * reacted ({@code reacted}), then up.
     */
    private void press(int bcm, Callable<Boolean> reacted) {
        lines.press(bcm);
        keyClock.advanceMillis(40);
        eventually().until(reacted);
        lines.release(bcm);
        keyClock.advanceMillis(40);
    }

    /** Armed no more: rated (the thank-you is short, so THANKS itself may be missed by polling). */
    private Callable<Boolean> rated() {
        return () -> pad.state().phase() != PadState.Phase.ARMED;
    }

    private Callable<Boolean> unarmedPresses(int n) {
        return () -> pad.state().unarmedPresses() == n;
    }

    private void armAndWait(RatingArm arm) {
        publishArm(server, arm);
        eventually().until(() -> pad.state().phase() == PadState.Phase.ARMED);
        eventually().untilAsserted(() -> assertThat(LEDS.values()).allMatch(lines::isHigh));
    }

    private boolean onlyLit(RatingLevel level) {
        return LEDS.entrySet().stream().allMatch(e -> lines.isHigh(e.getValue()) == (e.getKey() == level));
    }

    @Test
    void press_armedKey2_exactlyOneSatisfiedRatingForTheArmedTransaction() {
        armAndWait(arm("arm-1"));

        press(KEY_2, rated());

        eventually().until(() -> ratings(server).size() == 1);
        assertThat(ratings(server)).containsExactly(
                new RatingGiven("arm-1", "b001-20261122-A012", COUNTER, "t01", RatingLevel.SATISFIED));
        eventually().until(() -> announcer.announcements().contains(Phrases.thanks()));
        eventually().until(() -> runtime.outbox().size() == 0);
        // Then the thank-you ends: LEDs dark, the pad idle.
        eventually().until(() -> pad.state().phase() == PadState.Phase.IDLE);
        eventually().untilAsserted(() -> assertThat(LEDS.values()).noneMatch(lines::isHigh));
        assertThat(ratings(server)).hasSize(1);
    }

    @Test
    void press_armed_thanksLedTurnsOnOnlyOnceTheRatingIsInTheOutbox() {
        server.silent(true); // no acks: the outbox keeps the event, so what it held at any time is known
        armAndWait(arm("arm-1"));
        List<Integer> outboxRatingsWhenThanksLit = new CopyOnWriteArrayList<>();
        Map<RatingLevel, MockDigitalOutput> outputs = new java.util.EnumMap<>(RatingLevel.class);
        LEDS.forEach((level, pin) -> outputs.put(level, lines.output(pin)));
        // Runs on the keys' thread as each LED line changes; reads the lines it was given only.
        DigitalStateChangeListener probe = e -> {
            boolean thanksLit = outputs.entrySet().stream()
                    .allMatch(o -> (o.getValue().state() == DigitalState.HIGH) == (o.getKey() == RatingLevel.SATISFIED));
            if (thanksLit) {
                try {
                    outboxRatingsWhenThanksLit.add(pendingRatings(runtime).size());
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }
        };
        outputs.values().forEach(o -> o.addListener(probe));

        press(KEY_2, rated());

        eventually().until(() -> !outboxRatingsWhenThanksLit.isEmpty());
        outputs.values().forEach(o -> o.removeListener(probe));
        assertThat(outboxRatingsWhenThanksLit.get(0)).as("rating.given events in the outbox as the thanks LED lit")
                .isEqualTo(1);
    }

    @Test
    void press_bouncingWithinDebounceWindow_countedOnce() {
        armAndWait(arm("arm-1"));

        lines.press(KEY_2);
        keyClock.advanceMillis(3);
        lines.release(KEY_2);
        keyClock.advanceMillis(4);
        lines.press(KEY_2);
        keyClock.advanceMillis(2);
        lines.release(KEY_2);
        keyClock.advanceMillis(5);
        lines.press(KEY_2);
        keyClock.advanceMillis(40);
        eventually().until(rated());
        lines.release(KEY_2);
        keyClock.advanceMillis(2);
        lines.press(KEY_2);
        keyClock.advanceMillis(3);
        lines.release(KEY_2);
        keyClock.advanceMillis(40);

        eventually().until(() -> ratings(server).size() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> ratings(server).size() == 1 && pad.state().unarmedPresses() == 0);
    }

    @Test
    void press_notArmed_ignoredAndCountedInKeysHealthAtLevelOk() {
        press(KEY_2, unarmedPresses(1));
        press(KEYS.get(RatingLevel.AVERAGE), unarmedPresses(2));

        eventually().until(() -> runtime.health().part("keys").equals(
                new Health(HealthLevel.OK, "2 presses while not armed")));
        assertThat(runtime.health().overall().level()).isEqualTo(HealthLevel.OK);
        assertThat(runtime.outbox().size()).isZero();
        assertThat(pad.state().phase()).isEqualTo(PadState.Phase.IDLE);
        assertThat(LEDS.values()).noneMatch(lines::isHigh);
    }

    @Test
    void press_secondPressAfterTheRating_ignored() {
        armAndWait(arm("arm-1"));
        press(KEY_2, rated());

        press(KEYS.get(RatingLevel.DISSATISFIED), unarmedPresses(1));

        eventually().until(() -> ratings(server).size() == 1 && runtime.outbox().size() == 0);
        assertThat(ratings(server)).extracting(RatingGiven::level).containsExactly(RatingLevel.SATISFIED);
    }

    @Test
    void stuckKey_heldFiveSeconds_keysHealthDegradedUntilReleased() {
        lines.press(KEY_2);
        keyClock.advanceMillis(40);
        eventually().until(() -> pad.state().unarmedPresses() == 1);

        keyClock.advance(Duration.ofSeconds(5));

        eventually().until(() -> runtime.health().part("keys").level() == HealthLevel.DEGRADED);
        assertThat(runtime.health().part("keys").reason()).startsWith("key 满意 stuck");
        assertThat(runtime.health().overall().level()).isEqualTo(HealthLevel.DEGRADED);
        assertThat(runtime.health().overall().reason()).contains("keys: key 满意 stuck");

        lines.release(KEY_2);
        keyClock.advanceMillis(40);
        eventually().until(() -> runtime.health().part("keys").level() == HealthLevel.OK);
        assertThat(runtime.health().overall().level()).isEqualTo(HealthLevel.OK);
    }

    @Test
    void arm_expires_disarmedSilentlyAndLaterPressIgnored() {
        armAndWait(arm("arm-1", COUNTER, Instant.now().plusMillis(1000)));

        eventually().until(() -> pad.state().phase() == PadState.Phase.IDLE);
        eventually().untilAsserted(() -> assertThat(LEDS.values()).noneMatch(lines::isHigh));
        press(KEY_2, unarmedPresses(1));

        assertThat(runtime.outbox().size()).isZero();
        assertThat(ratings(server)).isEmpty();
        assertThat(announcer.announcements()).isEmpty();
    }

    @Test
    void arm_forAnotherCounter_refusedAndReported() {
        publishArm(server, arm("arm-9", "c2", Instant.now().plusSeconds(60)));

        eventually().until(() -> runtime.health().part("rating").level() == HealthLevel.DEGRADED);
        assertThat(runtime.health().part("rating").reason())
                .isEqualTo("arm for counter c2 refused: this pad is at counter c1");
        assertThat(pad.state().phase()).isEqualTo(PadState.Phase.IDLE);
        assertThat(LEDS.values()).noneMatch(lines::isHigh);
    }
}
