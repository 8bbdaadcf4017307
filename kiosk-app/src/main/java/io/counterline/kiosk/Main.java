package io.counterline.kiosk;

import com.typesafe.config.Config;
import io.counterline.config.ConfigKeys;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.boot.DeviceApp;
import io.counterline.device.boot.DeviceMain;
import io.counterline.device.boot.Shutdown;
import io.counterline.kiosk.admin.PinCheck;
import io.counterline.kiosk.screen.DeviceInfo;
import io.counterline.kiosk.screen.KioskScreen;
import io.counterline.window.DeviceWindow;
import java.time.Clock;

/**
 * The kiosk: {@code io.counterline.kiosk.Main --config /etc/counterline/kiosk-1.conf [--check]}
 * (see {@link DeviceMain} for options and exit status). Its composition root: device runtime,
 * {@link KioskHardware}, {@link KioskNode}, then the {@link KioskScreen} full screen; each is
 * added to the shutdown list as it starts, so the window's admin exit, a failed start and SIGTERM
 * all close them in reverse order and publish the final "stopped" status.
 */
public final class Main implements DeviceApp<KioskConfig> {

    public static void main(String[] args) {
        DeviceMain.main(new Main(), args);
    }

    @Override
    public String name() {
        return "kiosk";
    }

    @Override
    public KioskConfig read(Config config) {
        return KioskConfig.from(config);
    }

    @Override
    public ConfigKeys keys() {
        // Read only for the printer type and link chosen.
        return ConfigKeys.alternatives("printer.device", "printer.serial.port", "printer.tcp.host",
                "printer.simulated");
    }

    @Override
    public void run(KioskConfig config, Shutdown shutdown) throws Exception {
        KioskSettings settings = config.kiosk();
        DeviceRuntime runtime = shutdown.add("device runtime", DeviceRuntime.start(config.device(), Clock.systemUTC()));
        runtime.onRestart(shutdown::restart);
        KioskHardware hardware = shutdown.add("hardware", KioskHardware.open(config));
        if (settings.gpio().isPresent()) {
            runtime.health().report("buttons", hardware.buttonsAtStart());
        }
        KioskNode node = shutdown.add("kiosk node", KioskNode.start(settings, runtime, hardware.printer(),
                hardware.buttons()));
        KioskSettings.Screen size = settings.screen();
        DeviceWindow window = shutdown.add("window", DeviceWindow.open(
                // A customer only touches: no pointer over the screen in full screen.
                DeviceWindow.Options.of("Counterline kiosk", size.fullScreen(), size.width(), size.height())
                        .hidingCursor().lockingClose(),
                w -> {
                    KioskScreen screen = new KioskScreen(node.controller(),
                            new PinCheck(settings.adminPin(), Clock.systemUTC()),
                            new DeviceInfo(runtime.settings().id(), DeviceRuntime.VERSION,
                                    runtime.settings().bus().uri()), w::close);
                    return new DeviceWindow.Content(screen.root(), screen::start, screen::stop);
                }));
        window.awaitClosed();
    }
}
