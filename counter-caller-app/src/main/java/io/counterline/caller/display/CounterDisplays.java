package io.counterline.caller.display;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import io.counterline.protocol.Health;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the counter display the settings ask for, and says at start which one it is. */
public final class CounterDisplays {
    private static final Logger log = LoggerFactory.getLogger(CounterDisplays.class);

    /** 1 MHz: a tenth of the MAX7219's limit, safe on jumper wires. */
    private static final int MAX7219_BAUD = 1_000_000;

    private CounterDisplays() {
    }

    /**
     * Opens the configured display; never throws. A serial board that is not plugged in yet
     * starts offline and is retried on each show; a MAX7219 whose SPI bus cannot be opened is
     * replaced by a {@link SimulatedCounterDisplay} reporting a config error.
     *
     * @param pi4j the app's Pi4J context, asked for only when the type is max7219
     */
    public static CounterDisplay open(CounterDisplaySettings settings, Supplier<Context> pi4j) {
        switch (settings.type()) {
            case SERIAL -> {
                CounterDisplaySettings.Serial s = settings.serial();
                log.info("counter display: serial LED board at {} ({} baud, {} data bits, parity {}, stop bits {},"
                                + " address {}, {} cells)", s.port(), s.baud(), s.dataBits(), s.parity(), s.stopBits(),
                        s.address(), s.format().width());
                return new SerialCounterDisplay(s);
            }
            case MAX7219 -> {
                CounterDisplaySettings.Max7219 m = settings.max7219();
                String where = "MAX7219 on SPI bus " + m.spiBus() + " chip select " + m.chipSelect();
                try {
                    Context context = pi4j.get();
                    Spi spi = context.create(Spi.newConfigBuilder(context)
                            .id("counter-display")
                            .bus(m.spiBus())
                            .chipSelect(SpiChipSelect.getByNumber(m.chipSelect()))
                            .mode(SpiMode.MODE_0)
                            .baud(MAX7219_BAUD)
                            .build());
                    log.info("counter display: {} (intensity {})", where, m.intensity());
                    return new Max7219CounterDisplay(spi, m.intensity(), where);
                } catch (RuntimeException e) { // Pi4J: no SPI provider, bus missing, SPI not enabled
                    String reason = "display.max7219: cannot open " + where + " (" + e.getMessage()
                            + ") - check that SPI is enabled (dtparam=spi=on) and the app ships a Pi4J SPI provider plugin";
                    log.error("counter display: {}; showing it on screen only", reason);
                    return new SimulatedCounterDisplay(Health.configError(reason));
                }
            }
            default -> {
                log.info("counter display: simulated (shown on the caller's screen)");
                return new SimulatedCounterDisplay();
            }
        }
    }
}
