package io.counterline.caller;

import static io.counterline.caller.CallerRig.T0;
import static io.counterline.caller.CallerRig.calling;
import static io.counterline.caller.CallerRig.idle;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import io.counterline.caller.button.CallButtonSettings;
import io.counterline.caller.button.GpioCallButton;
import io.counterline.gpio.InputPinSettings;
import io.counterline.gpio.KeyTiming;
import io.counterline.testing.ManualClock;
import io.counterline.gpio.MockLines;
import io.counterline.gpio.OutputPinSettings;
import io.counterline.protocol.Operation;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real call button driver on Pi4J's mock lines, wired into the node. */
class CallerNodeGpioTest {
    private static final int BUTTON = 23;
    private static final int LED = 24;

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private Context gpio;
    private MockLines lines;
    private GpioCallButton button;
    private CallerRig rig;

    @BeforeEach
    void start() throws Exception {
        gpio = MockLines.newMockContext();
        lines = new MockLines(gpio);
        button = new GpioCallButton(gpio, new CallButtonSettings(InputPinSettings.keyToGround(BUTTON),
                Optional.of(OutputPinSettings.ledToGround(LED)), KeyTiming.DEFAULT), clock);
        lines.release(BUTTON); // the mock's inputs start low: held, for an active-low button
        clock.advanceMillis(100);
        rig = new CallerRig(dir, button);
        rig.publish(idle());
        rig.answer(Operation.CALL_NEXT, calling("A012", T0));
        rig.answer(Operation.CALL_RECALL, calling("A012", T0));
    }

    @AfterEach
    void stop() {
        rig.close();
        button.close();
        gpio.shutdown();
    }

    @Test
    void press_shortThenLong_callNextLedLitThenRecall() {
        lines.press(BUTTON);
        clock.advanceMillis(200);
        lines.release(BUTTON);
        clock.advanceMillis(30);

        await().until(() -> rig.requests(Operation.CALL_NEXT).size() == 1);
        await().until(() -> lines.isHigh(LED));
        // The LED follows the published state, which comes before the answer: wait for the answer
        // too, or the long press is refused as BUSY.
        await().until(() -> !rig.node.controller().view().busy());

        lines.press(BUTTON);
        clock.advanceMillis(1500);
        await().until(() -> rig.requests(Operation.CALL_RECALL).size() == 1);
        lines.release(BUTTON);
    }
}
