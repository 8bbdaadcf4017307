package io.counterline.server.broker;

import io.counterline.config.BrokerSecretHash;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics.Channel;
import io.counterline.server.config.BadConfigException;
import io.counterline.server.config.BranchConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the files that make a Mosquitto 2.x broker enforce the same rules as the embedded one:
 * {@code passwd} (mosquitto_passwd's format), {@code acl} and a {@code counterline.conf} listener
 * block to include from {@code /etc/mosquitto/conf.d/}.
 */
public final class MosquittoFiles {
    /** Mosquitto drops to this user (and group) after start, then reads the password file. */
    static final String MOSQUITTO_GROUP = "mosquitto";

    /**
     * The three files written, for the caller to log or install.
     *
     * @param todo what the operator still has to do by hand (empty when nothing)
     */
    public record Written(Path passwordFile, Path aclFile, Path configFile, List<String> todo) {
    }

    /**
     * Writes the files into {@code dir} (created if missing; the password file readable by its
     * owner and the {@value #MOSQUITTO_GROUP} group only).
     *
     * @param listenHost address the listener binds, e.g. 0.0.0.0 on the branch LAN
     */
    /** A TLS listener: Mosquitto reads PEM files (certificate chain, unencrypted private key). */
    public record TlsListener(int port, Path certFile, Path keyFile) {
    }

    public Written write(Path dir, Credentials credentials, AccessRules rules, String listenHost, int port)
            throws IOException {
        return write(dir, credentials, rules, listenHost, port, Optional.empty());
    }

    /** As {@link #write(Path, Credentials, AccessRules, String, int)}, with a TLS listener too. */
    public Written write(Path dir, Credentials credentials, AccessRules rules, String listenHost, int port,
                         Optional<TlsListener> tls) throws IOException {
        return write(dir, credentials, Map.of(), rules, listenHost, port, tls);
    }

    /**
     * As {@link #write(Path, Credentials, AccessRules, String, int, Optional)}, with devices the
     * branch file does not list: the console's added counters' callers and pads, by id with their
     * stored hash (in mosquitto_passwd's format already; their secrets exist nowhere).
     */
    public Written write(Path dir, Credentials credentials, Map<String, String> addedHashes, AccessRules rules,
                         String listenHost, int port, Optional<TlsListener> tls) throws IOException {
        Files.createDirectories(dir);
        Path passwd = dir.resolve("passwd");
        Path acl = dir.resolve("acl");
        Path conf = dir.resolve("counterline.conf");
        Map<String, String> added = new TreeMap<>(addedHashes);
        added.keySet().removeAll(credentials.all().keySet()); // a branch file user wins, as in the embedded broker
        Files.writeString(passwd, passwordFile(credentials) + hashLines(added), StandardCharsets.UTF_8);
        List<String> todo = new ArrayList<>();
        restrictToMosquitto(passwd, todo);
        Set<String> users = new TreeSet<>(credentials.all().keySet());
        users.addAll(added.keySet());
        Files.writeString(acl, aclFile(rules, users), StandardCharsets.UTF_8);
        Files.writeString(conf, configFile(passwd.toAbsolutePath(), acl.toAbsolutePath(), listenHost, port)
                + tls.map(t -> tlsListener(t, listenHost)).orElse(""), StandardCharsets.UTF_8);
        return new Written(passwd, acl, conf, List.copyOf(todo));
    }

    /**
     * Owner read-write, group {@value #MOSQUITTO_GROUP} read, nobody else: the hashes stay
     * private, and Mosquitto, which reads the file only after dropping root for its own user,
     * can read it. Without root (or without that group) the operator is told the commands.
     */
    private static void restrictToMosquitto(Path file, List<String> todo) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to set
        }
        try {
            GroupPrincipal group = file.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(MOSQUITTO_GROUP);
            Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(group);
        } catch (UserPrincipalNotFoundException e) {
            todo.add("no group '" + MOSQUITTO_GROUP + "' here (Mosquitto not installed?): on the broker host run"
                    + " sudo chgrp " + MOSQUITTO_GROUP + " " + file.toAbsolutePath());
        } catch (IOException | SecurityException e) {
            todo.add("could not give group '" + MOSQUITTO_GROUP + "' read access (" + e.getMessage() + "): run"
                    + " sudo chgrp " + MOSQUITTO_GROUP + " " + file.toAbsolutePath());
        }
    }

    String passwordFile(Credentials credentials) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(credentials.all()).forEach((user, secret) ->
                out.append(user).append(':').append(hash(secret)).append('\n'));
        return out.toString();
    }

    private static String hashLines(Map<String, String> hashes) {
        StringBuilder out = new StringBuilder();
        hashes.forEach((user, hash) -> out.append(user).append(':').append(hash).append('\n'));
        return out.toString();
    }

    String aclFile(AccessRules rules, Set<String> users) {
        String base = rules.topics().base();
        StringBuilder out = new StringBuilder("# Written by Counterline from the branch configuration; do not edit.\n");
        // One block per user, no "pattern" lines: a pattern binds every user, observers too,
        // and Mosquitto 2.0 has no way to deny. Only configured users can log in anyway.
        out.append("\n# The branch server: everything of its branch.\n");
        out.append("user ").append(rules.serverUser()).append('\n');
        out.append("topic readwrite ").append(base).append("/#\n");
        for (String user : new TreeSet<>(users)) {
            if (user.equals(rules.serverUser())) {
                continue;
            }
            out.append('\n').append("user ").append(user).append('\n');
            out.append("topic read ").append(base).append("/state/#\n");
            if (rules.observers().contains(user)) {
                // Read-only: the branch state and every device's presence and health.
                out.append("topic read ").append(base).append("/dev/+/").append(Channel.STATUS.level()).append('\n');
                continue;
            }
            for (Channel ch : AccessRules.DEVICE_WRITES) {
                out.append("topic write ").append(base).append("/dev/").append(user).append('/').append(ch.level())
                        .append('\n');
            }
            for (Channel ch : AccessRules.DEVICE_READS) {
                out.append("topic read ").append(base).append("/dev/").append(user).append('/').append(ch.level())
                        .append('\n');
            }
        }
        return out.toString();
    }

    String configFile(Path passwd, Path acl, String listenHost, int port) {
        return "# Written by Counterline; include from /etc/mosquitto/conf.d/.\n"
                + "per_listener_settings false\n"
                + "listener " + port + " " + listenHost + "\n"
                + "allow_anonymous false\n"
                + "password_file " + passwd + "\n"
                + "acl_file " + acl + "\n"
                // A device can only ever hold the session of its own id.
                + "use_username_as_clientid true\n"
                // Nagle off: otherwise a PUBACK followed by a PUBLISH to the same client waits for
                // the client's delayed ACK, ~40 ms per request/response (docs/performance.md).
                + "set_tcp_nodelay true\n"
                + "max_packet_size " + (MessageCodec.MAX_PAYLOAD_BYTES + 1024) + "\n";
    }

    /** The TLS listener of the branch file's {@code broker.tls}, if any. */
    public static Optional<TlsListener> tlsOf(BranchConfig config) {
        return config.broker().tls().map(t -> new TlsListener(t.port(),
                t.certFile().orElseThrow(() -> new BadConfigException(
                        "broker.tls.cert-file and key-file are needed for Mosquitto (PEM files)")),
                t.keyFile().orElseThrow()));
    }

    String tlsListener(TlsListener tls, String listenHost) {
        // per_listener_settings false: authentication, ACL and the options above apply here too.
        return "listener " + tls.port() + " " + listenHost + "\n"
                + "certfile " + tls.certFile().toAbsolutePath() + "\n"
                + "keyfile " + tls.keyFile().toAbsolutePath() + "\n";
    }

    String hash(String secret) {
        return BrokerSecretHash.hash(secret);
    }
}
