package io.counterline.pad;

import com.typesafe.config.Config;
import io.counterline.config.ConfigKeys;
import io.counterline.device.boot.DeviceApp;
import io.counterline.device.boot.DeviceMain;
import io.counterline.device.boot.Shutdown;
import io.counterline.pad.screen.PadScreen;
import io.counterline.pad.screen.ScreenSettings;
import io.counterline.window.DeviceWindow;

/**
 * The rating pad: {@code io.counterline.pad.Main --config FILE [--check]} (see {@link DeviceMain}
 * for options and exit status). Starts the pad ({@link RunningPad}: runtime, keys, LEDs, speaker);
 * with {@code rating-pad.screen.enabled} it shows the {@link PadScreen} until the window closes,
 * without it runs on its keys and LEDs until stopped. SIGTERM closes everything in reverse order
 * and publishes the final "stopped" status either way.
 */
public final class Main implements DeviceApp<PadConfig> {

    public static void main(String[] args) {
        DeviceMain.main(new Main(), args);
    }

    @Override
    public String name() {
        return "rating-pad";
    }

    @Override
    public PadConfig read(Config config) {
        return PadConfig.from(config);
    }

    @Override
    public ConfigKeys keys() {
        return ConfigKeys.alternatives("rating-pad.keys.gpio"); // read only when keys.type = gpio
    }

    @Override
    public void run(PadConfig config, Shutdown shutdown) throws Exception {
        RunningPad pad = shutdown.add("rating pad", RunningPad.start(config));
        pad.node().runtime().onRestart(shutdown::restart);
        ScreenSettings settings = config.pad().screen();
        if (!settings.enabled()) {
            shutdown.await();
            return;
        }
        // A customer-facing panel: no exit hint, no way out by keyboard, no pointer.
        DeviceWindow window = shutdown.add("window", DeviceWindow.open(DeviceWindow.Options.of(
                "Counterline rating pad", settings.fullScreen(), settings.width(), settings.height()).hidingCursor(),
                w -> {
                    PadScreen screen = new PadScreen(pad.node().controller(), pad.node().runtime().health(),
                            settings.photoFolder(), pad.node().runtime().settings().dataDir().resolve("teller-photos"));
                    return new DeviceWindow.Content(screen.root(), screen::start, screen::stop);
                }));
        window.awaitClosed();
    }
}
