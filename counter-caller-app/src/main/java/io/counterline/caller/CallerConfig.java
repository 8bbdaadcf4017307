package io.counterline.caller;

import com.typesafe.config.Config;
import io.counterline.device.DeviceSettings;
import io.counterline.protocol.DeviceRole;

/**
 * Everything the counter caller reads from its one config file, once, before anything starts:
 * the {@code device} and {@code broker} blocks and {@code counter-caller}.
 */
public record CallerConfig(DeviceSettings device, CallerSettings caller) {

    /** Reads the whole config; a bad value fails naming its key. */
    public static CallerConfig from(Config config) {
        return new CallerConfig(DeviceSettings.from(config, DeviceRole.COUNTER_CALLER),
                CallerSettings.from(config.getConfig("counter-caller")));
    }
}
