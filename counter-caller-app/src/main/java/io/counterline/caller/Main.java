package io.counterline.caller;

import com.typesafe.config.Config;
import io.counterline.caller.screen.CallerWindow;
import io.counterline.config.ConfigKeys;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.boot.DeviceApp;
import io.counterline.device.boot.DeviceMain;
import io.counterline.device.boot.Shutdown;
import io.counterline.window.DeviceWindow;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counter caller: {@code io.counterline.caller.Main --config /etc/counterline/caller.conf [--check]}
 * (see {@link DeviceMain} for options and exit status). Its composition root: device runtime,
 * {@link CallerHardware}, {@link CallerNode}, then the teller screen; each is added to the
 * shutdown list as it starts, so closing the window, a failed start and SIGTERM all close them in
 * reverse order and publish the final "stopped" status.
 */
public final class Main implements DeviceApp<CallerConfig> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        DeviceMain.main(new Main(), args);
    }

    @Override
    public String name() {
        return "counter-caller";
    }

    @Override
    public CallerConfig read(Config config) {
        return CallerConfig.from(config);
    }

    @Override
    public ConfigKeys keys() {
        return ConfigKeys.alternatives("counter-caller.gpio"); // read only when call-button = gpio
    }

    @Override
    public void run(CallerConfig config, Shutdown shutdown) throws Exception {
        CallerSettings settings = config.caller();
        log.info("counter caller {} for counter {} (voice number {})", config.device().id(), settings.counter(),
                settings.counterNumber());
        DeviceRuntime runtime = shutdown.add("device runtime", DeviceRuntime.start(config.device(), Clock.systemUTC()));
        runtime.onRestart(shutdown::restart);
        CallerHardware hardware = shutdown.add("hardware", CallerHardware.open(settings));
        CallerNode node = shutdown.add("caller node", CallerNode.start(settings, runtime, hardware));
        DeviceWindow window = shutdown.add("window", DeviceWindow.open(CallerWindow.options(settings),
                w -> CallerWindow.content(node.controller(), settings)));
        window.awaitClosed();
    }
}
