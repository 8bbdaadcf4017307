package io.counterline.caller.recording;

import io.counterline.caller.CallerConfig;
import io.counterline.caller.CallerHardware;
import io.counterline.caller.CallerNode;
import io.counterline.caller.Main;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.boot.DeviceMain;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A counter caller process for {@link CallerProcessKillIT}: the caller from {@code --config FILE}
 * on the real broker, simulated hardware, no screen (the node the window would show), recording
 * as configured. Prints {@code READY}; runs until its standard input closes.
 */
public final class CallerProcessMain {
    private CallerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        CallerConfig config = DeviceMain.load(new Main(), Path.of(args[List.of(args).indexOf("--config") + 1]));
        try (DeviceRuntime runtime = DeviceRuntime.start(config.device(), Clock.systemUTC());
             CallerHardware hardware = CallerHardware.simulated();
             CallerNode node = CallerNode.start(config.caller(), runtime, hardware)) {
            node.controller().subscribe(view -> System.out.println("RECORDING " + view.recording()));
            System.out.println("READY");
            while (System.in.read() >= 0) {
                // the parent closes our standard input to stop us cleanly
            }
        }
    }
}
