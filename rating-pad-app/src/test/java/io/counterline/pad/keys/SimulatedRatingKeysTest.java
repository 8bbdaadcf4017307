package io.counterline.pad.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.protocol.RatingLevel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedRatingKeysTest {
    private final SimulatedRatingKeys pad = new SimulatedRatingKeys(Duration.ofMillis(200));

    @AfterEach
    void tearDown() {
        pad.close();
    }

    @Test
    void press_onScreenButton_pressedThenReleasedOnTheSimulatorThread() {
        List<String> heard = new CopyOnWriteArrayList<>();
        pad.setListener(new RatingKeyListener() {
            @Override
            public void pressed(RatingLevel level) {
                heard.add(Thread.currentThread().getName() + " pressed " + level);
            }

            @Override
            public void released(RatingLevel level) {
                heard.add("released " + level);
            }
        });

        pad.press(RatingLevel.AVERAGE);

        await().atMost(Duration.ofSeconds(2)).until(() -> heard.size() == 2);
        assertThat(heard).containsExactly("sim-rating-keys pressed AVERAGE", "released AVERAGE");
    }

    @Test
    void leds_inviteThenThanks_recordedAndReported() {
        List<Set<RatingLevel>> reported = new CopyOnWriteArrayList<>();
        pad.setLedListener(reported::add);

        pad.showInvite();
        await().atMost(Duration.ofSeconds(2)).until(() -> pad.litLeds().size() == 4);
        pad.showThanks(RatingLevel.DISSATISFIED);
        await().atMost(Duration.ofSeconds(2)).until(() -> pad.litLeds().equals(Set.of(RatingLevel.DISSATISFIED)));
        await().atMost(Duration.ofSeconds(2)).until(() -> pad.litLeds().isEmpty());

        assertThat(reported).containsExactly(Set.of(RatingLevel.values()), Set.of(RatingLevel.DISSATISFIED), Set.of());
    }
}
