package io.counterline.pad;

import static io.counterline.pad.Pads.arm;
import static io.counterline.pad.Pads.pendingRatings;
import static io.counterline.pad.Pads.publishArm;
import static io.counterline.pad.Pads.ratings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.counterline.device.DeviceRuntime;
import io.counterline.device.ScriptedServer;
import io.counterline.messaging.InMemoryBus;
import io.counterline.pad.keys.SimulatedRatingKeys;
import io.counterline.pad.rating.PadState;
import io.counterline.pad.voice.PadVoice;
import io.counterline.protocol.Bodies.RatingGiven;
import io.counterline.protocol.EventType;
import io.counterline.protocol.RatingLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node on simulated keys, as the demo drives it: restarts, re-delivered arms, a lost server. */
class PadNodeTest {
    @TempDir
    Path dataDir;

    private final InMemoryBus broker = new InMemoryBus();
    private final ScriptedServer server = new ScriptedServer(broker, Pads.BRANCH);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(5));
    }

    /** Starts a pad on the data dir, as after a (re)boot. */
    private PadNode startPad() throws Exception {
        DeviceRuntime runtime = Pads.runtime(broker, dataDir);
        open.add(runtime);
        PadNode pad = PadNode.open(Pads.settings(), runtime);
        open.add(pad);
        return pad;
    }

    private void stop(PadNode pad) throws Exception {
        pad.close();
        pad.runtime().close();
        open.remove(pad);
        open.remove(pad.runtime());
    }

    @Test
    void press_armed_ratingReachesTheServerAndTheLedThanks() throws Exception {
        PadNode pad = startPad();
        List<Set<RatingLevel>> leds = new CopyOnWriteArrayList<>();
        ((SimulatedRatingKeys) pad.keys()).setLedListener(leds::add);
        publishArm(server, arm("arm-1"));
        eventually().until(() -> pad.state().phase() == PadState.Phase.ARMED);

        pad.press(RatingLevel.VERY_SATISFIED);

        eventually().until(() -> ratings(server).size() == 1);
        assertThat(ratings(server).get(0).level()).isEqualTo(RatingLevel.VERY_SATISFIED);
        eventually().until(() -> leds.contains(Set.of(RatingLevel.VERY_SATISFIED)));
        assertThat(leds.get(0)).containsExactlyInAnyOrder(RatingLevel.values());
    }

    @Test
    void restart_retainedArmOfARatedTransactionDeliveredAgain_notArmedAgain() throws Exception {
        PadNode first = startPad();
        publishArm(server, arm("arm-1"));
        eventually().until(() -> first.state().phase() == PadState.Phase.ARMED);
        first.press(RatingLevel.SATISFIED);
        eventually().until(() -> ratings(server).size() == 1 && first.runtime().outbox().size() == 0);
        stop(first);

        // The server has not cleared the retained arm yet: the new node gets it again at subscribe.
        PadNode second = startPad();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> second.state().phase() == PadState.Phase.IDLE);
        second.press(RatingLevel.DISSATISFIED);

        eventually().until(() -> second.state().unarmedPresses() == 1);
        assertThat(ratings(server)).extracting(RatingGiven::level).containsExactly(RatingLevel.SATISFIED);
        assertThat(second.runtime().outbox().size()).isZero();
    }

    @Test
    void restart_ratingStillInTheOutboxButArmNotMarkedUsed_notArmedAgain() throws Exception {
        // As if the pad died between committing the rating and marking its arm used.
        server.silent(true);
        DeviceRuntime runtime = Pads.runtime(broker, dataDir);
        runtime.record(EventType.RATING_GIVEN,
                new RatingGiven("arm-1", "b001-20261122-A012", Pads.COUNTER, "t01", RatingLevel.AVERAGE));
        runtime.close();
        publishArm(server, arm("arm-1"));

        PadNode pad = startPad();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> pad.state().phase() == PadState.Phase.IDLE);
        assertThat(pendingRatings(pad.runtime())).hasSize(1);

        // Control: a fresh arm on the same node does arm it.
        publishArm(server, arm("arm-2"));
        eventually().until(() -> pad.state().phase() == PadState.Phase.ARMED);
    }

    @Test
    void press_serverUnreachable_acceptedAndDeliveredAfterRestore() throws Exception {
        PadNode pad = startPad();
        publishArm(server, arm("arm-1"));
        eventually().until(() -> pad.state().phase() == PadState.Phase.ARMED);
        broker.cut();

        pad.press(RatingLevel.SATISFIED);

        eventually().until(() -> pad.state().phase() != PadState.Phase.ARMED);
        assertThat(pendingRatings(pad.runtime())).hasSize(1);
        assertThat(ratings(server)).isEmpty();

        broker.restore();

        eventually().until(() -> ratings(server).size() == 1 && pad.runtime().outbox().size() == 0);
        assertThat(ratings(server).get(0).armId()).isEqualTo("arm-1");
    }

    @Test
    void arm_newArmWhileArmed_replacesTheOldOneForGood() throws Exception {
        PadNode pad = startPad();
        publishArm(server, arm("arm-1"));
        eventually().until(() -> pad.state().phase() == PadState.Phase.ARMED);
        publishArm(server, arm("arm-2"));
        eventually().until(() -> pad.state().arm() != null && pad.state().arm().armId().equals("arm-2"));

        pad.controller().arm(arm("arm-1"));
        pad.press(RatingLevel.SATISFIED);

        eventually().until(() -> ratings(server).size() == 1);
        assertThat(ratings(server).get(0).armId()).isEqualTo("arm-2");
    }

    @Test
    void press_realKeys_refusedWithAMessage() throws Exception {
        DeviceRuntime runtime = Pads.runtime(broker, dataDir);
        open.add(runtime);
        PadNode pad = PadNode.start(Pads.settings(), runtime, new FakeKeys(), PadVoice.none());
        open.add(pad);

        assertThatThrownBy(() -> pad.press(RatingLevel.SATISFIED)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rating-pad.keys.type = simulated");
    }
}
