package io.counterline.pad.screen;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pad's optional screen, from the {@code rating-pad.screen} subtree (all keys optional):
 *
 * <pre>
 * enabled = false          # true: JavaFX screen; false: keys and LEDs only (headless)
 * photo-folder = ""        # teller photos, {teller id}.jpg / .jpeg / .png; empty: placeholder only
 * full-screen = true       # false: a window of width x height (desktop, demo)
 * width = 800
 * height = 480
 * </pre>
 */
public record ScreenSettings(boolean enabled, Optional<Path> photoFolder, boolean fullScreen, int width, int height) {

    private static final Config DEFAULTS = ConfigFactory.parseString("""
            enabled = false
            photo-folder = ""
            full-screen = true
            width = 800
            height = 480
            """);

    /** No screen: the pad runs on its keys and LEDs alone. */
    public static final ScreenSettings NONE = new ScreenSettings(false, Optional.empty(), false, 800, 480);

    public static ScreenSettings from(Config screen) {
        Config c = screen.withFallback(DEFAULTS);
        String folder = c.getString("photo-folder").strip();
        return new ScreenSettings(c.getBoolean("enabled"), folder.isEmpty() ? Optional.empty() : Optional.of(Path.of(folder)),
                c.getBoolean("full-screen"), inRange(c, "width", 160, 7680), inRange(c, "height", 120, 4320));
    }

    private static int inRange(Config c, String key, int min, int max) {
        int value = c.getInt(key);
        if (value < min || value > max) {
            throw new ConfigException.BadValue(c.getValue(key).origin(), "screen." + key,
                    "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
