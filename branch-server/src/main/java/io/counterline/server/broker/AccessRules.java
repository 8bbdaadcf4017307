package io.counterline.server.broker;

import io.counterline.protocol.Ids;
import io.counterline.protocol.Topics;
import io.counterline.protocol.Topics.Channel;
import io.counterline.server.config.BranchConfig;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may publish and subscribe where (docs/protocol.md, "Access rules"). The same rules are
 * enforced by the embedded broker and written out for Mosquitto by {@link MosquittoFiles}.
 *
 * <ul>
 *   <li>The server (one user) reads and writes everything of its branch.</li>
 *   <li>An observer (a supervisor's or technician's read-only login) reads {@code state/#} and
 *       every device's {@code dev/+/status}, and writes nothing.</li>
 *   <li>Every other user is a device: it writes only its own {@code dev/{device}/evt|req|status}
 *       and reads only its own {@code dev/{device}/ack|res|cmd} and {@code state/#}.</li>
 * </ul>
 */
public final class AccessRules {
    static final Set<Channel> DEVICE_WRITES = EnumSet.of(Channel.EVT, Channel.REQ, Channel.STATUS);
    static final Set<Channel> DEVICE_READS = EnumSet.of(Channel.ACK, Channel.RES, Channel.CMD);

    private final Topics topics;
    private final String serverUser;
    private final Set<String> observers;

    public AccessRules(Topics topics, String serverUser) {
        this(topics, serverUser, Set.of());
    }

    public AccessRules(Topics topics, String serverUser, Set<String> observers) {
        this.topics = topics;
        this.serverUser = Ids.require("server id", serverUser);
        this.observers = Set.copyOf(observers);
    }

    /** The rules of a branch file: its server user and its {@code observers}. */
    public static AccessRules of(BranchConfig config) {
        return new AccessRules(Topics.of(config.branch().id()), config.server().id(),
                config.observers().stream().map(BranchConfig.Observer::id).collect(Collectors.toSet()));
    }

    public Set<String> observers() {
        return observers;
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
        if (observers.contains(user)) {
            return false;
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
        if (observers.contains(user)) {
            return filter.equals(topics.allDevices(Channel.STATUS))
                    || topics.parseDevice(filter).filter(t -> t.channel() == Channel.STATUS).isPresent();
        }
        return topics.parseDevice(filter)
                .filter(t -> t.device().equals(user) && DEVICE_READS.contains(t.channel()))
                .isPresent();
    }
}
