package io.counterline.kiosk;

import com.typesafe.config.Config;
import io.counterline.device.DeviceSettings;
import io.counterline.gpio.GpioProvider;
import io.counterline.kiosk.printer.PrinterSettings;
import io.counterline.protocol.DeviceRole;
import java.util.Optional;

/**
 * Everything the kiosk reads from its one config file, once, before anything starts: the
 * {@code device} and {@code broker} blocks, {@code kiosk} and {@code printer}.
 *
 * @param gpioProvider the Pi4J provider of {@code kiosk.gpio}, when service buttons are configured
 */
public record KioskConfig(DeviceSettings device, KioskSettings kiosk, PrinterSettings printer,
                          Optional<GpioProvider> gpioProvider) {

    /** Reads the whole config; a bad value fails naming its key. */
    public static KioskConfig from(Config config) {
        KioskSettings kiosk = KioskSettings.from(config.getConfig("kiosk"));
        return new KioskConfig(DeviceSettings.from(config, DeviceRole.KIOSK), kiosk,
                PrinterSettings.from(config.getConfig("printer")),
                kiosk.gpio().map(g -> GpioProvider.from(g.config())));
    }
}
