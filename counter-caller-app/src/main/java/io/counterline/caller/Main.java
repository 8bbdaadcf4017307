package io.counterline.caller;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.counterline.caller.screen.CallerWindow;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.protocol.DeviceRole;
import java.io.File;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the counter caller: {@code java io.counterline.caller.Main --config /etc/counterline/caller.conf}.
 *
 * <p>The graph is built first (runtime, hardware, {@link CallerNode}), then the screen is shown
 * with {@link Platform#startup}, so no class extends {@code Application} (which the Java launcher
 * refuses when JavaFX is on the class path). Closing the window or SIGTERM (systemd stop) closes
 * everything once, in reverse order.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: counter-caller --config FILE");
            System.exit(2);
        }
        File file = new File(args[1]);
        if (!file.isFile()) {
            System.err.println("config file not found: " + file);
            System.exit(2);
        }
        Config config = ConfigFactory.parseFile(file).withFallback(ConfigFactory.defaultReference()).resolve();
        DeviceSettings device = DeviceSettings.from(config, DeviceRole.COUNTER_CALLER);
        CallerSettings settings = CallerSettings.from(config.getConfig("counter-caller"));
        log.info("counter caller {} for counter {} (voice number {})", device.id(), settings.counter(),
                settings.counterNumber());

        DeviceRuntime runtime = DeviceRuntime.start(device, Clock.systemUTC());
        CallerHardware hardware = CallerHardware.open(settings);
        CallerNode node = CallerNode.start(settings, runtime, hardware);
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch windowClosed = new CountDownLatch(1);
        Runnable closeAll = () -> {
            if (closed.compareAndSet(false, true)) {
                node.close();
                hardware.close();
                runtime.close();
                log.info("counter caller stopped");
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(closeAll, "caller-shutdown"));
        Platform.startup(() -> {
            Stage stage = new Stage();
            var screen = CallerWindow.show(stage, node.controller(), settings);
            stage.setOnHidden(e -> {
                screen.stop();
                windowClosed.countDown();
            });
        });
        windowClosed.await();
        closeAll.run();
        Platform.exit();
    }
}
