package io.counterline.hall;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.counterline.audio.AnnouncerSettings;
import io.counterline.config.BadConfig;
import io.counterline.device.boot.DeviceMain;
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

    /**
     * Reads and checks {@code file} whole, as {@link Main} does.
     *
     * @throws BadConfig naming file, line and key
     */
    public static HallConfig load(Path file) {
        return DeviceMain.load(new Main(), file);
    }
}
