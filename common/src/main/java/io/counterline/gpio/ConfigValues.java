package io.counterline.gpio;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reading GPIO values from config with errors that name the full key. */
final class ConfigValues {
    /** BCM numbers of the 40-pin header's GPIOs. */
    static final int MAX_BCM = 27;

    private ConfigValues() {
    }

    /** {@code key} of {@code config} as a BCM pin; {@code name} is where {@code config} sits, for messages. */
    static int bcm(Config config, String key, String name) {
        int pin = config.getInt(key);
        if (pin < 0 || pin > MAX_BCM) {
            throw new ConfigException.BadValue(config.getValue(key).origin(), name + "." + key,
                    "must be a BCM GPIO number 0.." + MAX_BCM + ", was " + pin);
        }
        return pin;
    }

    /** {@code key} as one of {@code type}'s constants written in lower case, or {@code fallback} if absent. */
    static <E extends Enum<E>> E lowerCaseEnum(Config config, String key, String name, Class<E> type, E fallback) {
        if (!config.hasPath(key)) {
            return fallback;
        }
        String value = config.getString(key);
        for (E e : type.getEnumConstants()) {
            if (lowerCase(e).equals(value)) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(ConfigValues::lowerCase)
                .collect(Collectors.joining(", "));
        throw new ConfigException.BadValue(config.getValue(key).origin(), name + "." + key,
                "must be one of " + allowed + ", was '" + value + "'");
    }

    static String lowerCase(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
