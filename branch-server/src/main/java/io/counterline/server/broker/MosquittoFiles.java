package io.counterline.server.broker;

import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Writes the files that make a Mosquitto 2.x broker enforce the same rules as the embedded one:
 * {@code passwd} (mosquitto_passwd's format), {@code acl} and a {@code counterline.conf} listener
 * block to include from {@code /etc/mosquitto/conf.d/}.
 */
public final class MosquittoFiles {
    /** mosquitto_passwd's defaults: "$7$" = PBKDF2-HMAC-SHA512, 101 iterations, 12-byte salt. */
    private static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BITS = 512;

    private final SecureRandom random = new SecureRandom();

    /** The three files written, for the caller to log or install. */
    public record Written(Path passwordFile, Path aclFile, Path configFile) {
    }

    /**
     * Writes the files into {@code dir} (created if missing; the password file readable by the
     * owner only).
     *
     * @param listenHost address the listener binds, e.g. 0.0.0.0 on the branch LAN
     */
    public Written write(Path dir, Credentials credentials, AccessRules rules, String listenHost, int port)
            throws IOException {
        Files.createDirectories(dir);
        Path passwd = dir.resolve("passwd");
        Path acl = dir.resolve("acl");
        Path conf = dir.resolve("counterline.conf");
        Files.writeString(passwd, passwordFile(credentials), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing more to tighten.
        }
        Files.writeString(acl, aclFile(rules), StandardCharsets.UTF_8);
        Files.writeString(conf, configFile(passwd.toAbsolutePath(), acl.toAbsolutePath(), listenHost, port),
                StandardCharsets.UTF_8);
        return new Written(passwd, acl, conf);
    }

    String passwordFile(Credentials credentials) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(credentials.all()).forEach((user, secret) ->
                out.append(user).append(':').append(hash(secret)).append('\n'));
        return out.toString();
    }

    String aclFile(AccessRules rules) {
        String base = rules.topics().base();
        StringBuilder out = new StringBuilder("# Written by Counterline from the branch configuration; do not edit.\n");
        // "topic" lines before the first "user" line would bind anonymous clients only;
        // "pattern" lines bind every user.
        out.append("# Every device may read the branch state.\n");
        out.append("pattern read ").append(base).append("/state/#\n\n");
        out.append("# Each device (user name = device id) its own channels only.\n");
        for (Channel ch : AccessRules.DEVICE_WRITES) {
            out.append("pattern write ").append(base).append("/dev/%u/").append(ch.level()).append('\n');
        }
        for (Channel ch : AccessRules.DEVICE_READS) {
            out.append("pattern read ").append(base).append("/dev/%u/").append(ch.level()).append('\n');
        }
        out.append("\n# The branch server: everything of its branch.\n");
        out.append("user ").append(rules.serverUser()).append('\n');
        out.append("topic readwrite ").append(base).append("/#\n");
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

    String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512");
            byte[] hash = f.generateSecret(new PBEKeySpec(secret.toCharArray(), salt, ITERATIONS, HASH_BITS)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return "$7$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JDK", e);
        }
    }
}
