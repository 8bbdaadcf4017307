package io.counterline.pad.keys;

import io.counterline.protocol.RatingLevel;
import com.pi4j.context.Context;
import io.counterline.gpio.GpioKeys;
import io.counterline.gpio.GpioLed;
import io.counterline.gpio.KeyEvent;
import io.counterline.protocol.Health;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rating pad on the Pi's GPIO through Pi4J: four keys, four LEDs. Keys and LEDs are handled
 * on one thread named {@code rating-keys}, which also calls the listener.
 */
public final class GpioRatingKeys implements RatingKeys {
    static final String THREAD_NAME = "rating-keys";
    private static final Logger log = LoggerFactory.getLogger(GpioRatingKeys.class);
    private static final RatingKeyListener NO_LISTENER = level -> { };

    private final RatingKeysSettings settings;
    private final Map<RatingLevel, GpioLed> leds = new EnumMap<>(RatingLevel.class);
    private final GpioKeys<RatingLevel> keys;
    private volatile RatingKeyListener listener = NO_LISTENER;
    private volatile Health health = Health.OK;

    // Confined to the keys' thread.
    private final Set<RatingLevel> stuck = EnumSet.noneOf(RatingLevel.class);
    private String ledFault;
    private ScheduledFuture<?> thanksEnd;

    /** Opens the lines on {@code gpio} (owned by the caller); on failure the pad is offline, see {@link #health()}. */
    public GpioRatingKeys(Context gpio, RatingKeysSettings settings) {
        this(gpio, settings, System::nanoTime);
    }

    /** @param nanoClock monotonic nanoseconds for debounce and stuck detection; tests pass a manual clock */
    public GpioRatingKeys(Context gpio, RatingKeysSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        GpioKeys<RatingLevel> opened = null;
        try {
            settings.leds().forEach((level, pin) ->
                    leds.put(level, new GpioLed(gpio, "rating-led-" + level.wire(), pin)));
            opened = new GpioKeys<>(gpio, THREAD_NAME, settings.keys(), settings.timing(), nanoClock, this::onKey);
        } catch (RuntimeException e) {
            leds.values().forEach(GpioLed::close);
            leds.clear();
            health = Health.offline("rating keys: cannot open GPIO lines: " + e.getMessage());
            log.error("Rating pad offline: {}", health.reason(), e);
        }
        this.keys = opened;
    }

    @Override
    public void setListener(RatingKeyListener listener) {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    private void onKey(RatingLevel level, KeyEvent event) {
        switch (event) {
            case PRESSED -> listener.pressed(level);
            case STUCK -> {
                stuck.add(level);
                updateHealth();
                log.warn("Rating key {} stuck", level.label());
                listener.stuck(level);
            }
            case RELEASED -> {
                if (stuck.remove(level)) {
                    updateHealth();
                    log.info("Rating key {} released", level.label());
                }
                listener.released(level);
            }
            case SHORT_PRESS, LONG_PRESS -> {
                // A rating is the press itself; how long it was held does not matter.
            }
        }
    }

    @Override
    public void showInvite() {
        onKeysThread(() -> light(EnumSet.allOf(RatingLevel.class)));
    }

    @Override
    public void showThanks(RatingLevel chosen) {
        onKeysThread(() -> {
            light(EnumSet.of(chosen));
            thanksEnd = keys.runAfter(settings.thanksFor(), () -> light(EnumSet.noneOf(RatingLevel.class)));
        });
    }

    @Override
    public void off() {
        onKeysThread(() -> light(EnumSet.noneOf(RatingLevel.class)));
    }

    private void onKeysThread(Runnable task) {
        if (keys != null) {
            keys.run(task);
        }
    }

    /** Lights exactly {@code lit}; the newest LED command wins over a pending end of thanks. */
    private void light(Set<RatingLevel> lit) {
        if (thanksEnd != null) {
            thanksEnd.cancel(false);
            thanksEnd = null;
        }
        try {
            leds.forEach((level, led) -> led.set(lit.contains(level)));
            ledFault = null;
        } catch (RuntimeException e) {
            ledFault = "rating LEDs: " + e.getMessage();
            log.error("Cannot drive the rating LEDs", e);
        }
        updateHealth();
    }

    private void updateHealth() {
        Health now = Health.OK;
        if (!stuck.isEmpty()) {
            String labels = stuck.stream().map(RatingLevel::label).collect(Collectors.joining(", "));
            now = Health.degraded((stuck.size() == 1 ? "key " : "keys ") + labels + " stuck");
        }
        if (ledFault != null) {
            now = now.worst(Health.degraded(ledFault));
        }
        health = now;
    }

    @Override
    public Health health() {
        return health;
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
        }
        leds.values().forEach(GpioLed::close);
        leds.clear();
    }
}
