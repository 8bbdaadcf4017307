package io.counterline.gpio;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.HashMap;
import java.util.Map;

/**
 * Catches two settings naming the same BCM pin while config is read, so the error names both keys
 * instead of Pi4J failing later at start with "IO already exists".
 */
public final class PinClaims {
    private final Map<Integer, String> owners = new HashMap<>();

    /**
     * Records that the setting {@code key} (full name, for messages) uses {@code bcm}.
     *
     * @param config where {@code key}'s value came from, for the error's origin
     * @throws ConfigException.BadValue naming both keys if the pin is already claimed
     */
    public void claim(Config config, String key, int bcm) {
        String owner = owners.putIfAbsent(bcm, key);
        if (owner != null) {
            throw new ConfigException.BadValue(config.origin(), key,
                    "BCM " + bcm + " is already used by " + owner);
        }
    }
}
