package io.counterline.demo.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.counterline.audio.Announcers;
import io.counterline.caller.CallerHardware;
import io.counterline.caller.CallerNode;
import io.counterline.caller.CallerSettings;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.hall.HallConfig;
import io.counterline.hall.HallNode;
import io.counterline.kiosk.KioskNode;
import io.counterline.kiosk.KioskSettings;
import io.counterline.kiosk.printer.PrinterSettings;
import io.counterline.kiosk.printer.SlipPrinter;
import io.counterline.kiosk.printer.SlipPrinters;
import io.counterline.protocol.DeviceRole;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

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
        Config config = ConfigFactory.parseFile(Path.of(args[2]).toFile(),
                ConfigParseOptions.defaults().setAllowMissing(false)).withFallback(ConfigFactory.defaultReference())
                .resolve();
        Deque<AutoCloseable> open = new ArrayDeque<>();
        switch (args[0]) {
            case "kiosk" -> {
                DeviceRuntime runtime = DeviceRuntime.start(DeviceSettings.from(config, DeviceRole.KIOSK),
                        Clock.systemUTC());
                open.push(runtime);
                SlipPrinter printer = SlipPrinters.open(PrinterSettings.from(config.getConfig("printer")));
                open.push(printer);
                open.push(KioskNode.start(KioskSettings.from(config.getConfig("kiosk")), runtime, printer,
                        Optional.empty()));
            }
            case "hall" -> {
                HallConfig hall = HallConfig.from(config);
                Announcers.Opened voice = Announcers.open(hall.announcer());
                open.push(voice.announcer());
                DeviceRuntime runtime = DeviceRuntime.start(hall.device(), Clock.systemUTC());
                open.push(runtime);
                open.push(HallNode.start(hall.hall(), runtime, voice.announcer()));
            }
            case "caller" -> {
                DeviceRuntime runtime = DeviceRuntime.start(DeviceSettings.from(config, DeviceRole.COUNTER_CALLER),
                        Clock.systemUTC());
                open.push(runtime);
                CallerSettings settings = CallerSettings.from(config.getConfig("counter-caller"));
                CallerHardware hardware = CallerHardware.open(settings);
                open.push(hardware);
                open.push(CallerNode.start(settings, runtime, hardware));
            }
            default -> {
                System.err.println("unknown node " + args[0] + ": kiosk, caller or hall");
                System.exit(2);
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    System.err.println("closing: " + e);
                }
            }
            stopped.countDown();
        }, "node-shutdown"));
        stopped.await();
    }
}
