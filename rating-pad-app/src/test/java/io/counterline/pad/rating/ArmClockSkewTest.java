package io.counterline.pad.rating;

import static io.counterline.pad.Pads.COUNTER;
import static io.counterline.pad.Pads.PAD;
import static io.counterline.pad.Pads.publishArm;
import static io.counterline.pad.Pads.ratings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.device.DeviceRuntime;
import io.counterline.device.ScriptedServer;
import io.counterline.messaging.InMemoryBus;
import io.counterline.pad.PadNode;
import io.counterline.pad.Pads;
import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.RatingLevel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pad whose wall clock is minutes off the server's (a Pi has no real-time clock) holds an arm
 * for the server's time-to-live from receipt, then lets it go: it neither drops the arm at once
 * (clock ahead) nor keeps it for minutes (clock behind).
 */
class ArmClockSkewTest {
    private static final Duration TTL = Duration.ofMillis(800);

    @TempDir
    Path dataDir;

    private final InMemoryBus broker = new InMemoryBus();
    private final ScriptedServer server = new ScriptedServer(broker, Pads.BRANCH);
    private DeviceRuntime runtime;
    private PadNode pad;

    @AfterEach
    void tearDown() {
        if (pad != null) {
            pad.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private List<PadState.Phase> padWithClockOff(Duration off) throws Exception {
        runtime = DeviceRuntime.start(Pads.deviceSettings(dataDir, "tcp://127.0.0.1:1"),
                Clock.offset(Clock.systemUTC(), off), broker.client(PAD));
        pad = PadNode.open(Pads.settings(), runtime);
        List<PadState.Phase> phases = new CopyOnWriteArrayList<>();
        pad.controller().onChange(s -> phases.add(s.phase()));
        return phases;
    }

    /** An arm as the server sends it now: until now + TTL by the server's clock, and the TTL itself. */
    private static RatingArm armForTtl(String armId) {
        RatingArm a = Pads.arm(armId, COUNTER, Instant.now().plus(TTL));
        return new RatingArm(a.armId(), a.ticket(), a.teller(), a.counter(), a.expiresAt(), TTL.toMillis());
    }

    @ParameterizedTest(name = "pad clock off by {0} min")
    @ValueSource(longs = {-5, 5})
    void arm_padClockMinutesOff_heldForItsTtlThenExpired(long minutesOff) throws Exception {
        List<PadState.Phase> phases = padWithClockOff(Duration.ofMinutes(minutesOff));

        publishArm(server, armForTtl("arm-1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> phases.contains(PadState.Phase.ARMED));
        await().atMost(Duration.ofSeconds(5)).until(() -> pad.state().phase() == PadState.Phase.IDLE);
        assertThat(phases).containsSubsequence(PadState.Phase.ARMED, PadState.Phase.IDLE);
        assertThat(ratings(server)).isEmpty();
    }

    @ParameterizedTest(name = "pad clock off by {0} min")
    @ValueSource(longs = {-5, 5})
    void press_withinTtl_padClockMinutesOff_ratingCounts(long minutesOff) throws Exception {
        padWithClockOff(Duration.ofMinutes(minutesOff));
        RatingArm a = Pads.arm("arm-2", COUNTER, Instant.now().plusSeconds(60));
        publishArm(server, new RatingArm(a.armId(), a.ticket(), a.teller(), a.counter(), a.expiresAt(), 60_000L));

        await().atMost(Duration.ofSeconds(5)).until(() -> pad.state().phase() == PadState.Phase.ARMED);
        pad.press(RatingLevel.SATISFIED);

        await().atMost(Duration.ofSeconds(5)).until(() -> ratings(server).size() == 1);
        assertThat(ratings(server).get(0).armId()).isEqualTo("arm-2");
    }
}
