package io.counterline.server.broker;

import io.counterline.protocol.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The per-device secrets (and the server's own), by user name = device id, and the devices added
 * in the console since (checked against their stored hash; a branch file user always wins).
 */
public final class Credentials {
    /** Devices not in the branch file: the counter callers and rating pads of counters added in the console. */
    public interface Added {
        /** Whether {@code user} is such a device and {@code password} its secret; answers from memory. */
        boolean check(String user, byte[] password);

        Added NONE = (user, password) -> false;
    }

    private final Map<String, String> secrets;
    private final Added added;

    public Credentials(Map<String, String> secrets) {
        this(secrets, Added.NONE);
    }

    public Credentials(Map<String, String> secrets, Added added) {
        secrets.forEach((user, secret) -> {
            Ids.require("device id", user);
            if (secret == null || secret.length() < 12) {
                throw new IllegalArgumentException("the secret of " + user + " must have at least 12 characters");
            }
        });
        this.secrets = Map.copyOf(secrets);
        this.added = added;
    }

    /** Compares in constant time, so that timing does not reveal how much of a secret was right. */
    public boolean check(String user, byte[] password) {
        if (user == null || password == null) {
            return false;
        }
        String secret = secrets.get(user);
        if (secret == null) {
            return added.check(user, password);
        }
        return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), password);
    }

    /** The branch file's secrets (not the console's added devices: only their hashes exist). */
    public Map<String, String> all() {
        return secrets;
    }
}
