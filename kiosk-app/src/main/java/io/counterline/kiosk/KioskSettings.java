package io.counterline.kiosk;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.counterline.config.PinHash;
import io.counterline.kiosk.buttons.ServiceButtonsSettings;
import io.counterline.kiosk.ticket.Language;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The kiosk's own settings, read once at start from the {@code kiosk} subtree (defaults in this
 * module's {@code reference.conf}; the {@code device}, {@code broker} and {@code printer} blocks
 * are read by their own settings).
 *
 * @param defaultLanguage  language of the start screen ({@code default-language}: zh | en)
 * @param confirmationTime how long the customer's number stays on screen ({@code confirmation-time})
 * @param statusPoll       how often printer status and button health are read ({@code status-poll})
 * @param footer           lines printed at the foot of every slip ({@code footer})
 * @param blockSize        numbers per leased offline block ({@code offline.block-size}, 1..500)
 * @param lowWater         lease another block when this many or fewer are left (below block-size) ({@code offline.low-water})
 * @param adminPin         the admin screen's PIN as a PBKDF2 hash ({@code admin-pin-hash}, required)
 * @param screen           full screen or a window ({@code screen.*})
 * @param gpio             the {@code gpio} subtree for physical service buttons, if configured
 */
public record KioskSettings(Language defaultLanguage, Duration confirmationTime, Duration statusPoll,
                            List<String> footer, int blockSize, int lowWater, PinHash adminPin, Screen screen,
                            Optional<Gpio> gpio) {

    /** Full screen (the kiosk) or a window of width × height pixels. */
    public record Screen(boolean fullScreen, int width, int height) {
    }

    /** The raw {@code kiosk.gpio} subtree (its provider is needed to build the Pi4J context) and its buttons. */
    public record Gpio(Config config, ServiceButtonsSettings buttons) {
    }

    public KioskSettings {
        footer = List.copyOf(footer);
    }

    /** Reads the {@code kiosk} subtree over the defaults; a bad value fails naming its key. */
    public static KioskSettings from(Config kiosk) {
        Config c = kiosk.withFallback(com.typesafe.config.ConfigFactory.defaultReference().getConfig("kiosk"));
        int blockSize = inRange(c, "offline.block-size", 1, 500);
        String hash = c.getString("admin-pin-hash");
        PinHash pin;
        try {
            pin = PinHash.parse(hash);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(c.origin(), "admin-pin-hash", e.getMessage());
        }
        return new KioskSettings(
                Language.of(c, "default-language"),
                positive(c, "confirmation-time"),
                positive(c, "status-poll"),
                c.getStringList("footer"),
                blockSize,
                inRange(c, "offline.low-water", 0, blockSize - 1),
                pin,
                new Screen(c.getBoolean("screen.full-screen"), inRange(c, "screen.width", 160, 7680),
                        inRange(c, "screen.height", 120, 4320)),
                c.hasPath("gpio") ? Optional.of(new Gpio(c.getConfig("gpio"),
                        ServiceButtonsSettings.from(c.getConfig("gpio")))) : Optional.empty());
    }

    private static int inRange(Config c, String key, int min, int max) {
        int value = c.getInt(key);
        if (value < min || value > max) {
            throw new ConfigException.BadValue(c.origin(), key, "must be between " + min + " and " + max
                    + ", was " + value);
        }
        return value;
    }

    private static Duration positive(Config c, String key) {
        Duration value = c.getDuration(key);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException.BadValue(c.origin(), key, value + " must be longer than zero");
        }
        return value;
    }
}
