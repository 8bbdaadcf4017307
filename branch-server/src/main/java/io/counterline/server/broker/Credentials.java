package io.counterline.server.broker;

import io.counterline.protocol.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** The per-device secrets (and the server's own), by user name = device id. */
public final class Credentials {
    private final Map<String, String> secrets;

    public Credentials(Map<String, String> secrets) {
        secrets.forEach((user, secret) -> {
            Ids.require("device id", user);
            if (secret == null || secret.length() < 12) {
                throw new IllegalArgumentException("the secret of " + user + " must have at least 12 characters");
            }
        });
        this.secrets = Map.copyOf(secrets);
    }

    /** Compares in constant time, so that timing does not reveal how much of a secret was right. */
    public boolean check(String user, byte[] password) {
        if (user == null || password == null) {
            return false;
        }
        String secret = secrets.get(user);
        return secret != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), password);
    }

    public Map<String, String> all() {
        return secrets;
    }
}
