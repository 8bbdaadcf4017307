package io.counterline.server.uplink;

import com.typesafe.config.Config;
import io.counterline.server.config.BadConfigException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the branch sends its committed facts: the optional {@code head-office} block of the
 * branch configuration. Without it the branch runs alone and keeps no uplink outbox.
 *
 * @param uri      the head-office broker cluster's MQTT address ({@code tcp://} or {@code ssl://})
 * @param secret   the branch's own password there (its user name is the branch id)
 * @param capacity facts the uplink outbox may hold before new ones wait in memory; sized for
 *                 days of WAN outage
 * @param reconnectMax the longest pause between attempts to reach head office
 */
public record UplinkSettings(String uri, String secret, int capacity, Duration reconnectMax) {
    public static final int DEFAULT_CAPACITY = 2_000_000;

    public UplinkSettings {
        if (!uri.startsWith("tcp://") && !uri.startsWith("ssl://")) {
            throw new BadConfigException("head-office.uri must start with tcp:// or ssl://, was " + uri);
        }
        if (secret.isBlank()) {
            throw new BadConfigException("head-office.secret must not be empty");
        }
        if (capacity < 1 || capacity > 50_000_000) {
            throw new BadConfigException("head-office.outbox-capacity must be 1..50000000, was " + capacity);
        }
        if (reconnectMax.compareTo(Duration.ofSeconds(1)) < 0 || reconnectMax.compareTo(Duration.ofHours(1)) > 0) {
            throw new BadConfigException("head-office.reconnect-max must be 1s..1h, was " + reconnectMax);
        }
    }

    /**
     * The {@code head-office} block of the branch configuration; empty when there is none.
     *
     * @param secrets reads a secret key the way the rest of the file's secrets are read (value,
     *                {@code -file} or {@code -env})
     */
    public static Optional<UplinkSettings> from(Config c, Function<String, String> secrets) {
        if (!c.hasPath("head-office")) {
            return Optional.empty();
        }
        return Optional.of(new UplinkSettings(c.getString("head-office.uri"), secrets.apply("head-office.secret"),
                c.hasPath("head-office.outbox-capacity") ? c.getInt("head-office.outbox-capacity") : DEFAULT_CAPACITY,
                c.hasPath("head-office.reconnect-max") ? c.getDuration("head-office.reconnect-max")
                        : Duration.ofMinutes(2)));
    }

    @Override
    public String toString() {
        return "UplinkSettings[uri=" + uri + ", capacity=" + capacity + ", reconnectMax=" + reconnectMax + "]";
    }
}
