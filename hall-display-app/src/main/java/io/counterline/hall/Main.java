package io.counterline.hall;

import com.typesafe.config.Config;
import io.counterline.device.boot.DeviceApp;
import io.counterline.device.boot.DeviceMain;
import io.counterline.device.boot.Shutdown;
import io.counterline.hall.screen.HallScreen;
import io.counterline.window.DeviceWindow;
import java.time.Clock;

/**
 * The hall display: {@code io.counterline.hall.Main --config FILE [--check]} (see {@link DeviceMain}
 * for options and exit status). Its composition root: {@link HallDevice} (announcer, device
 * runtime, node), then the {@link HallScreen} full screen; closing the window, a failed start and
 * SIGTERM all close them in reverse order and publish the final "stopped" status.
 */
public final class Main implements DeviceApp<HallConfig> {

    public static void main(String[] args) {
        DeviceMain.main(new Main(), args);
    }

    @Override
    public String name() {
        return "hall-display";
    }

    @Override
    public HallConfig read(Config config) {
        return HallConfig.from(config);
    }

    @Override
    public void run(HallConfig config, Shutdown shutdown) throws Exception {
        HallDevice device = shutdown.add("hall device", HallDevice.start(config));
        device.onRestart(shutdown::restart);
        DeviceWindow window = shutdown.add("window", DeviceWindow.open(HallDisplayApp.options(config.hall()), w -> {
            HallScreen screen = new HallScreen(device.node().board(), config.hall(), Clock.systemUTC());
            return new DeviceWindow.Content(screen.root(), screen::start, screen::stop);
        }));
        window.awaitClosed();
    }
}
