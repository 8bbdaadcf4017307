package io.counterline.messaging;

import com.typesafe.config.Config;
import io.counterline.config.Secrets;
import io.counterline.protocol.Ids;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a device or the server reaches the broker.
 *
 * @param uri          {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param clientId     the MQTT client id; equals the username (the device id) so that a device
 *                     can only ever hold its own session
 * @param secret       the per-device secret
 * @param trustStore   PKCS#12 trust store holding the broker's CA, when {@code ssl://}
 * @param maxInflight  QoS 1 messages sent but not yet acknowledged by the broker
 */
public record BusSettings(String uri, String clientId, char[] secret, Optional<Path> trustStore,
                          Optional<String> trustStorePassword, Duration keepAlive, Duration connectTimeout,
                          int maxInflight, Backoff backoff) {

    public BusSettings {
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith("tcp://") && !uri.startsWith("ssl://")) {
            throw new IllegalArgumentException("broker.uri must start with tcp:// or ssl://, was " + uri);
        }
        Ids.require("client id", clientId);
        Objects.requireNonNull(secret, "secret");
        if (maxInflight < 1) {
            throw new IllegalArgumentException("broker.max-inflight must be at least 1");
        }
    }

    public static BusSettings of(String uri, String clientId, String secret) {
        return new BusSettings(uri, clientId, secret.toCharArray(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10), Duration.ofSeconds(5), 1000, Backoff.DEFAULT);
    }

    public BusSettings withBackoff(Backoff newBackoff) {
        return new BusSettings(uri, clientId, secret, trustStore, trustStorePassword, keepAlive, connectTimeout,
                maxInflight, newBackoff);
    }

    /**
     * Reads the {@code broker} block: {@code uri}, {@code secret} (or {@code secret-file},
     * {@code secret-env}: see {@link Secrets}), and optionally
     * {@code trust-store}, {@code trust-store-password}, {@code keep-alive}, {@code connect-timeout},
     * {@code max-inflight}, {@code reconnect-initial}, {@code reconnect-max}.
     */
    public static BusSettings from(Config broker, String clientId) {
        Secrets secrets = Secrets.fromEnvironment();
        return new BusSettings(
                broker.getString("uri"),
                clientId,
                secrets.read(broker, "secret", "broker.secret", 12).toCharArray(),
                broker.hasPath("trust-store") ? Optional.of(Path.of(broker.getString("trust-store"))) : Optional.empty(),
                secrets.readOptional(broker, "trust-store-password", "broker.trust-store-password", 1),
                broker.hasPath("keep-alive") ? broker.getDuration("keep-alive") : Duration.ofSeconds(10),
                broker.hasPath("connect-timeout") ? broker.getDuration("connect-timeout") : Duration.ofSeconds(5),
                broker.hasPath("max-inflight") ? broker.getInt("max-inflight") : 1000,
                new Backoff(
                        broker.hasPath("reconnect-initial") ? broker.getDuration("reconnect-initial") : Duration.ofSeconds(1),
                        broker.hasPath("reconnect-max") ? broker.getDuration("reconnect-max") : Duration.ofSeconds(120)));
    }
}
