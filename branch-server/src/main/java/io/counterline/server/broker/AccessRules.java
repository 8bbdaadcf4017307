package io.counterline.server.broker;

import io.counterline.protocol.Ids;
import io.counterline.protocol.Topics;
import io.counterline.protocol.Topics.Channel;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may publish and subscribe where (docs/protocol.md, "Access rules"). The same rules are
 * enforced by the embedded broker and written out for Mosquitto by {@link MosquittoFiles}.
 *
 * <ul>
 *   <li>The server (one user) reads and writes everything of its branch.</li>
 *   <li>A device writes only its own {@code dev/{device}/evt|req|status} and reads only its own
 *       {@code dev/{device}/ack|res|cmd} and {@code state/#}.</li>
 * </ul>
 */
public final class AccessRules {
    static final Set<Channel> DEVICE_WRITES = EnumSet.of(Channel.EVT, Channel.REQ, Channel.STATUS);
    static final Set<Channel> DEVICE_READS = EnumSet.of(Channel.ACK, Channel.RES, Channel.CMD);

    private final Topics topics;
    private final String serverUser;

    public AccessRules(Topics topics, String serverUser) {
        this.topics = topics;
        this.serverUser = Ids.require("server id", serverUser);
    }

    public Topics topics() {
        return topics;
    }

    public String serverUser() {
        return serverUser;
    }

    public boolean canPublish(String user, String topic) {
        if (user == null || topic.contains("+") || topic.contains("#")) {
            return false;
        }
        if (user.equals(serverUser)) {
            return topic.startsWith(topics.base() + "/");
        }
        return topics.parseDevice(topic)
                .filter(t -> t.device().equals(user) && DEVICE_WRITES.contains(t.channel()))
                .isPresent();
    }

    /** Whether {@code user} may subscribe to {@code filter} (a topic filter, wildcards allowed). */
    public boolean canSubscribe(String user, String filter) {
        if (user == null) {
            return false;
        }
        if (user.equals(serverUser)) {
            return filter.startsWith(topics.base() + "/");
        }
        if (filter.startsWith(topics.base() + "/state/")) {
            return true;
        }
        return topics.parseDevice(filter)
                .filter(t -> t.device().equals(user) && DEVICE_READS.contains(t.channel()))
                .isPresent();
    }
}
