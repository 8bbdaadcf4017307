package io.counterline.demo.bench;

import io.counterline.audio.Announcers;
import io.counterline.caller.CallerConfig;
import io.counterline.caller.CallerHardware;
import io.counterline.caller.CallerNode;
import io.counterline.config.BadConfig;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.boot.DeviceMain;
import io.counterline.device.boot.Shutdown;
import io.counterline.hall.HallConfig;
import io.counterline.hall.HallNode;
import io.counterline.kiosk.KioskConfig;
import io.counterline.kiosk.KioskHardware;
import io.counterline.kiosk.KioskNode;
import java.nio.file.Path;
import java.time.Clock;

/**
 * One app's headless node in a JVM of its own, for the memory figure of apps whose {@code Main}
 * needs a screen (kiosk, counter caller, hall display): {@code NodeMain kiosk|caller|hall --config FILE}, the same file
 * the app's {@code Main} reads. Runs until stopped (SIGTERM), then closes in reverse order.
 */
public final class NodeMain {
    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[1].equals("--config")) {
            System.err.println("usage: NodeMain kiosk|caller|hall --config FILE");
            System.exit(2);
        }
        Path file = Path.of(args[2]);
        // Read and checked as the app's Main reads it; started as its composition root does, without the window.
        Shutdown shutdown = new Shutdown("node " + args[0]).onJvmExit();
        try {
            switch (args[0]) {
                case "kiosk" -> {
                    KioskConfig config = DeviceMain.load(new io.counterline.kiosk.Main(), file);
                    DeviceRuntime runtime = shutdown.add("runtime", DeviceRuntime.start(config.device(), Clock.systemUTC()));
                    KioskHardware hardware = shutdown.add("hardware", KioskHardware.open(config));
                    shutdown.add("node", KioskNode.start(config.kiosk(), runtime, hardware.printer(), hardware.buttons()));
                }
                case "hall" -> {
                    HallConfig config = DeviceMain.load(new io.counterline.hall.Main(), file);
                    Announcers.Opened voice = Announcers.open(config.announcer());
                    shutdown.add("announcer", voice.announcer());
                    DeviceRuntime runtime = shutdown.add("runtime", DeviceRuntime.start(config.device(), Clock.systemUTC()));
                    shutdown.add("node", HallNode.start(config.hall(), runtime, voice.announcer()));
                }
                case "caller" -> {
                    CallerConfig config = DeviceMain.load(new io.counterline.caller.Main(), file);
                    DeviceRuntime runtime = shutdown.add("runtime", DeviceRuntime.start(config.device(), Clock.systemUTC()));
                    CallerHardware hardware = shutdown.add("hardware", CallerHardware.open(config.caller()));
                    shutdown.add("node", CallerNode.start(config.caller(), runtime, hardware));
                }
                default -> {
                    System.err.println("unknown node " + args[0] + ": kiosk, caller or hall");
                    System.exit(2);
                }
            }
        } catch (BadConfig e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        shutdown.await();
    }
}
