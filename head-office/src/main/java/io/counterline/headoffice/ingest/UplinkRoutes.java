package io.counterline.headoffice.ingest;

import io.counterline.protocol.Ids;
import io.counterline.protocol.Topics;
import java.util.Optional;

/**
 * The uplink's MQTT topics as AMQP routing keys in RabbitMQ's {@code amq.topic}. The MQTT plugin
 * swaps the separators: an MQTT {@code /} becomes {@code .} and an MQTT {@code .} becomes
 * {@code /}, so {@code cl/v1/b.01/dev/uplink/evt} arrives as {@code cl.v1.b/01.dev.uplink.evt}.
 * Topics are built by {@link Topics} only; this class translates them.
 */
public final class UplinkRoutes {
    /** The binding of the head-office quorum queue: every branch's uplink facts. */
    public static final String ALL_FACTS = "cl.v1.*.dev." + Topics.UPLINK + ".evt";

    private UplinkRoutes() {
    }

    /** The AMQP routing key of an MQTT topic. */
    public static String routingKey(String mqttTopic) {
        StringBuilder b = new StringBuilder(mqttTopic.length());
        for (char c : mqttTopic.toCharArray()) {
            b.append(c == '/' ? '.' : c == '.' ? '/' : c);
        }
        return b.toString();
    }

    /** Where head office acknowledges a branch's facts. */
    public static String ackKey(String branch) {
        return routingKey(Topics.of(branch).acks(Topics.UPLINK));
    }

    /** Where head office asks a branch for something (reconciliation's requests to send again). */
    public static String commandsKey(String branch) {
        return routingKey(Topics.of(branch).commands(Topics.UPLINK));
    }

    /** Where head office publishes the branch's configuration (the down-link). */
    public static String configKey(String branch) {
        return routingKey(Topics.of(branch).uplinkConfig());
    }

    public static String factsKey(String branch) {
        return routingKey(Topics.of(branch).events(Topics.UPLINK));
    }

    /** The branch whose facts arrived with {@code routingKey}; empty for any other key. */
    public static Optional<String> branchOf(String routingKey) {
        String[] parts = routingKey == null ? new String[0] : routingKey.split("\\.", -1);
        if (parts.length != 6) {
            return Optional.empty();
        }
        String branch = parts[2].replace('/', '.');
        if (!Ids.isValid(branch) || !factsKey(branch).equals(routingKey)) {
            return Optional.empty();
        }
        return Optional.of(branch);
    }
}
