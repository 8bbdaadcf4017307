package io.counterline.protocol;

import java.util.Optional;

/**
 * The only place that builds and parses topic strings of the contract (see docs/protocol.md).
 * All topics live under {@code cl/v1/{branch}}.
 */
public final class Topics {
    public static final String ROOT = "cl/v1";
    /**
     * The "device" a branch server uplinks to head office as: its facts travel on
     * {@code cl/v1/{branch}/dev/uplink/evt} and are acknowledged on {@code .../dev/uplink/ack}.
     */
    public static final String UPLINK = "uplink";

    /** The per-device channels; the name is the last topic level. */
    public enum Channel {
        EVT, ACK, REQ, RES, CMD, STATUS;

        public String level() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<Channel> ofLevel(String level) {
            for (Channel c : values()) {
                if (c.level().equals(level)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** A device topic taken apart: which device, which channel. */
    public record DeviceTopic(String device, Channel channel) {
    }

    private final String branch;
    private final String base;

    private Topics(String branch) {
        this.branch = Ids.require("branch id", branch);
        this.base = ROOT + "/" + branch;
    }

    public static Topics of(String branch) {
        return new Topics(branch);
    }

    public String branch() {
        return branch;
    }

    /**
     * {@code cl/v1/{branch}/dev/uplink/cfg}: where head office publishes the branch's configuration
     * document (the down-link); only the uplink reads it.
     */
    public String uplinkConfig() {
        return base + "/dev/" + UPLINK + "/cfg";
    }

    /** {@code cl/v1/{branch}} — the prefix of every topic of this branch. */
    public String base() {
        return base;
    }

    public String device(String device, Channel channel) {
        return base + "/dev/" + Ids.require("device id", device) + "/" + channel.level();
    }

    public String events(String device) {
        return device(device, Channel.EVT);
    }

    public String acks(String device) {
        return device(device, Channel.ACK);
    }

    public String requests(String device) {
        return device(device, Channel.REQ);
    }

    public String responses(String device) {
        return device(device, Channel.RES);
    }

    public String commands(String device) {
        return device(device, Channel.CMD);
    }

    public String status(String device) {
        return device(device, Channel.STATUS);
    }

    /** Filter matching one channel of every device, e.g. all event topics for the server. */
    public String allDevices(Channel channel) {
        return base + "/dev/+/" + channel.level();
    }

    public String services() {
        return base + "/state/services";
    }

    public String counter(String counter) {
        return base + "/state/counters/" + Ids.require("counter id", counter);
    }

    public String allCounters() {
        return base + "/state/counters/+";
    }

    public String calls() {
        return base + "/state/calls";
    }

    public String day() {
        return base + "/state/day";
    }

    public String signage() {
        return base + "/state/signage";
    }

    /** Filter for every retained state topic of the branch. */
    public String allState() {
        return base + "/state/#";
    }


    /** Parses a device topic of this branch; empty when the topic is anything else. */
    public Optional<DeviceTopic> parseDevice(String topic) {
        String prefix = base + "/dev/";
        if (topic == null || !topic.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] rest = topic.substring(prefix.length()).split("/", -1);
        if (rest.length != 2 || !Ids.isValid(rest[0])) {
            return Optional.empty();
        }
        return Channel.ofLevel(rest[1]).map(ch -> new DeviceTopic(rest[0], ch));
    }

    /**
     * MQTT 3.1.1 topic filter matching ({@code +} one level, {@code #} the rest, including the
     * parent level itself).
     */
    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
