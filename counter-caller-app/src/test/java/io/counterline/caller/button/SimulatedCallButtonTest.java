package io.counterline.caller.button;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedCallButtonTest {
    private final SimulatedCallButton button = new SimulatedCallButton();

    @AfterEach
    void tearDown() {
        button.close();
    }

    @Test
    void pressAndLongPress_onScreen_callNextThenRecallOnTheSimulatorThread() {
        List<String> heard = new CopyOnWriteArrayList<>();
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

        button.press();
        button.longPress();

        await().atMost(Duration.ofSeconds(2)).until(() -> heard.size() == 2);
        assertThat(heard).containsExactly("sim-call-button callNext", "sim-call-button recall");
    }

    @Test
    void setLit_recordedForTheScreen() {
        button.setLit(true);

        assertThat(button.isLit()).isTrue();
    }
}
