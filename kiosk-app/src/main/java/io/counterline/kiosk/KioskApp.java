package io.counterline.kiosk;

import com.pi4j.context.Context;
import com.typesafe.config.Config;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.gpio.Gpio;
import io.counterline.gpio.GpioProvider;
import io.counterline.kiosk.admin.PinCheck;
import io.counterline.kiosk.buttons.GpioServiceButtons;
import io.counterline.kiosk.buttons.ServiceButtons;
import io.counterline.kiosk.printer.PrinterSettings;
import io.counterline.kiosk.printer.SlipPrinter;
import io.counterline.kiosk.printer.SlipPrinters;
import io.counterline.kiosk.screen.DeviceInfo;
import io.counterline.kiosk.screen.KioskScreen;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Health;
import java.time.Clock;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk application: reads {@code --config FILE}, starts the device runtime, the printer,
 * the GPIO buttons (if configured) and the {@link KioskNode}, and shows the {@link KioskScreen}
 * full screen. Stops in reverse order.
 */
public class KioskApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(KioskApp.class);

    private KioskSettings settings;
    private DeviceRuntime runtime;
    private SlipPrinter printer;
    private Context gpio;
    private ServiceButtons buttons;
    private KioskNode node;
    private KioskScreen screen;

    @Override
    public void init() throws Exception {
        Config config = Main.load(getParameters().getRaw());
        DeviceSettings device = DeviceSettings.from(config, DeviceRole.KIOSK);
        settings = KioskSettings.from(config.getConfig("kiosk"));
        PrinterSettings printerSettings = PrinterSettings.from(config.getConfig("printer"));
        runtime = DeviceRuntime.start(device, Clock.systemUTC());
        printer = SlipPrinters.open(printerSettings);
        if (settings.gpio().isPresent()) {
            KioskSettings.Gpio g = settings.gpio().get();
            log.info("service buttons: {} on GPIO", g.buttons().buttons().size());
            try {
                gpio = Gpio.newContext(GpioProvider.from(g.config()));
                buttons = new GpioServiceButtons(gpio, g.buttons());
            } catch (IllegalStateException e) {
                log.error("service buttons offline: {}", e.getMessage());
                runtime.health().report("buttons", Health.offline("service buttons: " + e.getMessage()));
            }
        } else {
            log.info("service buttons: none (touchscreen only)");
        }
        node = KioskNode.start(settings, runtime, printer, Optional.ofNullable(buttons));
    }

    @Override
    public void start(Stage stage) {
        screen = new KioskScreen(node.controller(), new PinCheck(settings.adminPin(), Clock.systemUTC()),
                new DeviceInfo(runtime.settings().id(), DeviceRuntime.VERSION, runtime.settings().bus().uri()),
                Platform::exit);
        Scene scene = new Scene(screen.root(), settings.screen().width(), settings.screen().height());
        stage.setTitle("Counterline kiosk");
        stage.setScene(scene);
        if (settings.screen().fullScreen()) {
            // Kiosk mode: no exit hint, no key out; the admin screen's PIN is the only way out.
            stage.setFullScreenExitHint("");
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            stage.setOnCloseRequest(e -> e.consume());
            stage.setFullScreen(true);
        }
        screen.start();
        stage.show();
    }

    @Override
    public void stop() {
        if (screen != null) {
            screen.stop();
        }
        if (node != null) {
            node.close();
        }
        if (buttons != null) {
            buttons.close();
        }
        if (gpio != null) {
            gpio.shutdown();
        }
        if (printer != null) {
            printer.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        log.info("kiosk stopped");
    }
}
