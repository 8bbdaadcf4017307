package io.counterline.pad;

import com.typesafe.config.Config;
import io.counterline.device.DeviceSettings;
import io.counterline.protocol.DeviceRole;

/**
 * Everything the rating pad reads from its one config file, once, before anything starts: the
 * {@code device} and {@code broker} blocks and {@code rating-pad}.
 */
public record PadConfig(DeviceSettings device, PadSettings pad) {

    /** Reads the whole config; a bad value fails naming its key. */
    public static PadConfig from(Config config) {
        return new PadConfig(DeviceSettings.from(config, DeviceRole.RATING_PAD),
                PadSettings.from(config.getConfig("rating-pad")));
    }
}
