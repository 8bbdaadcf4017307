package io.counterline.headoffice.ingest;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;

/**
 * The one queue every branch's facts land in: a quorum queue (Raft-replicated on the cluster's
 * nodes, survives the loss of a minority) bound to {@code amq.topic}, where the MQTT plugin
 * publishes. Declared by every worker; declaring it again with the same arguments is harmless.
 */
public final class UplinkQueue {
    public static final String NAME = "hq.uplink.facts";

    private UplinkQueue() {
    }

    public static void declare(Channel channel) throws IOException {
        channel.queueDeclare(NAME, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueBind(NAME, "amq.topic", UplinkRoutes.ALL_FACTS);
    }
}
