package io.counterline.pad.keys;

import com.pi4j.context.Context;
import io.counterline.gpio.Gpio;
import io.counterline.protocol.Health;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the rating keys the settings ask for, and says at start which ones they are. */
public final class PadKeys {
    private static final Logger log = LoggerFactory.getLogger(PadKeys.class);

    /**
     * The keys to use and how they started: {@link Health#OK}, or offline when the GPIO context
     * could not start and simulated keys stand in (the pad is then usable from its screen only).
     * Closing closes the keys, then the Pi4J context this class made.
     */
    public record Opened(RatingKeys keys, Health health, Optional<Context> gpio) implements AutoCloseable {
        @Override
        public void close() {
            keys.close();
            gpio.ifPresent(Context::shutdown);
        }
    }

    private PadKeys() {
    }

    /** Opens the configured keys; never throws. */
    public static Opened open(PadKeysSettings settings) {
        if (settings.type() == PadKeysSettings.Type.SIMULATED) {
            log.info("rating keys: simulated (on-screen keys)");
            return new Opened(new SimulatedRatingKeys(settings.thanksFor()), Health.OK, Optional.empty());
        }
        RatingKeysSettings pins = settings.gpio().orElseThrow();
        Context gpio;
        try {
            gpio = Gpio.newContext(settings.provider().orElseThrow());
        } catch (IllegalStateException e) {
            String reason = "rating keys: " + e.getMessage();
            log.error("{}; the pad can only be used from its screen", reason);
            return new Opened(new SimulatedRatingKeys(settings.thanksFor()), Health.offline(reason), Optional.empty());
        }
        log.info("rating keys: GPIO keys {} LEDs {}", pins.keys(), pins.leds());
        return new Opened(new GpioRatingKeys(gpio, pins), Health.OK, Optional.of(gpio));
    }
}
