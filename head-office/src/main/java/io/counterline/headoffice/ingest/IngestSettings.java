package io.counterline.headoffice.ingest;

import com.rabbitmq.client.Address;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;

/**
 * An ingest worker's configuration ({@code ingest} block; see docs/head-office.md).
 *
 * @param amqp       every node of the cluster, {@code host:port}; the worker connects to one and
 *                   moves to another when it fails
 * @param batch      facts written to PostgreSQL in one transaction, at most; the prefetch is twice this
 *                   many messages (a branch packs ~35 facts in one)
 * @param retryAfter pause before trying PostgreSQL again after it failed
 */
public record IngestSettings(List<Address> amqp, String amqpUser, String amqpPassword, String jdbcUrl,
                             String dbUser, String dbPassword, int batch, Duration retryAfter) {

    public IngestSettings {
        amqp = List.copyOf(amqp);
        if (amqp.isEmpty()) {
            throw new IllegalArgumentException("ingest.amqp must name at least one node");
        }
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("ingest.batch must be 1..10000, was " + batch);
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("ingest.jdbc-url must start with jdbc:postgresql://, was " + jdbcUrl);
        }
    }

    public static IngestSettings from(Config root) {
        try {
            Config c = root.getConfig("ingest");
            List<Address> nodes = c.getStringList("amqp").stream().map(Address::parseAddress).toList();
            return new IngestSettings(nodes, c.getString("amqp-user"), c.getString("amqp-password"),
                    c.getString("jdbc-url"), c.getString("db-user"), c.getString("db-password"),
                    c.hasPath("batch") ? c.getInt("batch") : 500,
                    c.hasPath("retry-after") ? c.getDuration("retry-after") : Duration.ofSeconds(1));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "IngestSettings[amqp=" + amqp + ", user=" + amqpUser + ", jdbc=" + jdbcUrl + ", batch=" + batch + "]";
    }
}
