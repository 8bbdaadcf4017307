package io.counterline.kiosk;

import com.pi4j.context.Context;
import io.counterline.gpio.Gpio;
import io.counterline.kiosk.buttons.GpioServiceButtons;
import io.counterline.kiosk.buttons.ServiceButtons;
import io.counterline.kiosk.printer.SlipPrinter;
import io.counterline.kiosk.printer.SlipPrinters;
import io.counterline.protocol.Health;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's hardware: the slip printer, and the service buttons with the Pi4J context they
 * need when configured. Whoever opens it closes it, after the {@link KioskNode} that uses it.
 *
 * @param buttonsAtStart ok, or why the configured buttons could not be opened (the touchscreen still works)
 */
public record KioskHardware(SlipPrinter printer, Optional<ServiceButtons> buttons, Health buttonsAtStart,
                            Optional<Context> gpio) implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KioskHardware.class);

    /** Opens what the config asks for and logs which; never throws: buttons that fail are reported, not fatal. */
    public static KioskHardware open(KioskConfig config) {
        SlipPrinter printer = SlipPrinters.open(config.printer());
        if (config.kiosk().gpio().isEmpty()) {
            log.info("service buttons: none (touchscreen only)");
            return new KioskHardware(printer, Optional.empty(), Health.OK, Optional.empty());
        }
        KioskSettings.Gpio g = config.kiosk().gpio().get();
        log.info("service buttons: {} on GPIO", g.buttons().buttons().size());
        Context gpio = null;
        try {
            gpio = Gpio.newContext(config.gpioProvider().orElseThrow());
            return new KioskHardware(printer, Optional.of(new GpioServiceButtons(gpio, g.buttons())), Health.OK,
                    Optional.of(gpio));
        } catch (IllegalStateException e) {
            log.error("service buttons offline: {}", e.getMessage());
            return new KioskHardware(printer, Optional.empty(), Health.offline("service buttons: " + e.getMessage()),
                    Optional.ofNullable(gpio));
        }
    }

    /** Closes in reverse order of opening; never throws. */
    @Override
    public void close() {
        buttons.ifPresent(ServiceButtons::close);
        gpio.ifPresent(c -> {
            try {
                c.shutdown();
            } catch (RuntimeException e) {
                log.warn("Pi4J shutdown: {}", e.getMessage());
            }
        });
        try {
            printer.close();
        } catch (RuntimeException e) {
            log.warn("printer close: {}", e.getMessage());
        }
    }
}
