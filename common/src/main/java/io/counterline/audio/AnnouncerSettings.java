package io.counterline.audio;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How a device speaks, read from its {@code announcer} config subtree:
 *
 * <pre>
 * type = simulated          # espeak | wav | simulated
 * espeak { command = espeak-ng, voice = cmn, speed = 150, timeout = 10s }
 * wav.folder = ""           # folder of &lt;segment&gt;.wav clips, required for type = wav
 * chime = ""                # chime WAV; for wav the default is &lt;wav.folder&gt;/chime.wav
 * volume = 100              # percent, 1-100
 * </pre>
 *
 * @param wavFolder empty unless configured
 * @param chime empty unless configured
 */
public record AnnouncerSettings(Type type, Espeak espeak, Optional<Path> wavFolder, Optional<Path> chime,
                                int volume) {

    public enum Type { ESPEAK, WAV, SIMULATED }

    /**
     * @param speed words per minute, 80-450 (espeak-ng's range)
     * @param timeout the longest one rendering may take
     */
    public record Espeak(String command, String voice, int speed, Duration timeout) {
    }

    private static final Config DEFAULTS = ConfigFactory.parseString("""
            type = simulated
            espeak { command = espeak-ng, voice = cmn, speed = 150, timeout = 10s }
            wav.folder = ""
            chime = ""
            volume = 100
            """);

    public static AnnouncerSettings from(Config config) {
        Config c = config.withFallback(DEFAULTS);
        Type type = type(c);
        Espeak espeak = new Espeak(c.getString("espeak.command"), c.getString("espeak.voice"),
                inRange(c, "espeak.speed", 80, 450), c.getDuration("espeak.timeout"));
        Optional<Path> wavFolder = path(c, "wav.folder");
        if (type == Type.WAV && wavFolder.isEmpty()) {
            throw new ConfigException.BadValue(c.origin(), "wav.folder", "is required when type = wav");
        }
        return new AnnouncerSettings(type, espeak, wavFolder, path(c, "chime"), inRange(c, "volume", 1, 100));
    }

    private static Type type(Config c) {
        String value = c.getString("type");
        try {
            return Type.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(c.origin(), "type", "must be espeak, wav or simulated, was " + value);
        }
    }

    private static int inRange(Config c, String key, int min, int max) {
        int value = c.getInt(key);
        if (value < min || value > max) {
            throw new ConfigException.BadValue(c.origin(), key, "must be " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    private static Optional<Path> path(Config c, String key) {
        String value = c.getString(key).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
    }
}
