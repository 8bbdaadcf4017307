package io.counterline.pad;

import io.counterline.device.boot.DeviceMain;
import io.counterline.pad.keys.SimulatedRatingKeys;
import io.counterline.pad.rating.PadState;
import io.counterline.protocol.RatingLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A pad process for {@link PadProcessKillIT}: starts the pad from {@code --config FILE} on the
 * real broker with simulated keys, presses "满意" whenever it is armed, prints {@code ARMED <armId>}
 * and, the moment the thanks LED lights, {@code FEEDBACK}. Runs until its standard input closes.
 */
public final class PadProcessMain {
    private PadProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[List.of(args).indexOf("--config") + 1]);
        try (RunningPad running = RunningPad.start(DeviceMain.load(new Main(), config))) {
            PadNode pad = running.node();
            ((SimulatedRatingKeys) pad.keys()).setLedListener(lit -> {
                if (lit.equals(Set.of(RatingLevel.SATISFIED))) {
                    say("FEEDBACK");
                }
            });
            pad.controller().onChange(state -> {
                if (state.phase() == PadState.Phase.ARMED) {
                    say("ARMED " + state.arm().armId());
                    pad.press(RatingLevel.SATISFIED);
                }
            });
            say("READY");
            waitForEndOfInput();
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void waitForEndOfInput() throws IOException {
        while (System.in.read() >= 0) {
            // the parent closes our standard input to stop us cleanly
        }
    }
}
