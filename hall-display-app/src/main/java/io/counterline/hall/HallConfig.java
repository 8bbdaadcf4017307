package io.counterline.hall;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.counterline.audio.AnnouncerSettings;
import io.counterline.device.DeviceSettings;
import io.counterline.protocol.DeviceRole;
import java.nio.file.Path;

/**
 * Everything the hall display reads from its one config file ({@code --config FILE}), once at
 * start: the {@code device} and {@code broker} blocks ({@link DeviceSettings}), {@code counterline.hall}
 * ({@link HallSettings}, defaults in {@code reference.conf}) and {@code announcer}
 * ({@link AnnouncerSettings}; required, so that a real or a simulated speaker is always an explicit
 * choice). See {@code hall-display-example.conf}.
 */
public record HallConfig(DeviceSettings device, HallSettings hall, AnnouncerSettings announcer) {

    /**
     * Reads a whole config (the file with {@code reference.conf} behind it).
     *
     * @throws ConfigException          a missing, mistyped or out-of-range value, naming its key
     * @throws IllegalArgumentException a bad device or broker value, naming its key
     */
    public static HallConfig from(Config config) {
        return new HallConfig(DeviceSettings.from(config, DeviceRole.HALL_DISPLAY),
                HallSettings.from(config.getConfig("counterline.hall")),
                AnnouncerSettings.from(config.getConfig("announcer")));
    }

    /** Reads {@code file}; a missing or unreadable file is a {@link ConfigException} naming it. */
    public static HallConfig load(Path file) {
        Config config = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
        return from(config);
    }
}
