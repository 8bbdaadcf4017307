package io.counterline.headoffice.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.headoffice.ingest.UplinkQueue;
import io.counterline.headoffice.ingest.UplinkRoutes;
import io.counterline.protocol.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The cluster's users and permissions as a RabbitMQ definitions file, imported with
 * {@code rabbitmqctl import_definitions FILE} (it adds and updates; it removes nobody).
 *
 * <p>A branch logs in over MQTT as its branch id and may write only its own fact topic and read
 * only its own ack, command and configuration topics (topic permissions on {@code amq.topic}); its resource permissions
 * allow only its own MQTT subscription queue. The ingest user may do everything in the vhost.
 * Passwords are stored salted and hashed (RabbitMQ's {@code rabbit_password_hashing_sha256}:
 * base64 of a 4-byte salt followed by SHA-256 of salt and password).
 */
public final class ClusterDefinitions {
    /** A user and its password. */
    public record Login(String user, String password) {
        public Login {
            Ids.require("user", user);
            if (password.length() < 12) {
                throw new IllegalArgumentException("password of " + user + " must have at least 12 characters");
            }
        }

        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }

    private static final String VHOST = "/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterDefinitions() {
    }

    public static String json(Login ingest, List<Login> branches) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode users = root.putArray("users");
        ArrayNode permissions = root.putArray("permissions");
        ArrayNode topicPermissions = root.putArray("topic_permissions");
        root.putArray("vhosts").addObject().put("name", VHOST);
        user(users, ingest);
        permissions.addObject().put("user", ingest.user()).put("vhost", VHOST)
                .put("configure", "^" + Pattern.quote(UplinkQueue.NAME) + "$")
                .put("write", "^(amq\\.topic|" + Pattern.quote(UplinkQueue.NAME) + ")$")
                .put("read", "^(amq\\.topic|" + Pattern.quote(UplinkQueue.NAME) + ")$");
        for (Login b : branches) {
            user(users, b);
            // The MQTT plugin's subscription queue of client id = branch id.
            String ownQueue = "mqtt-subscription-" + Pattern.quote(b.user()) + "qos[01]";
            permissions.addObject().put("user", b.user()).put("vhost", VHOST)
                    .put("configure", "^" + ownQueue + "$")
                    .put("write", "^(amq\\.topic|" + ownQueue + ")$")
                    .put("read", "^(amq\\.topic|" + ownQueue + ")$");
            topicPermissions.addObject().put("user", b.user()).put("vhost", VHOST).put("exchange", "amq.topic")
                    .put("write", "^" + Pattern.quote(UplinkRoutes.factsKey(b.user())) + "$")
                    .put("read", "^(" + Pattern.quote(UplinkRoutes.ackKey(b.user())) + "|"
                            + Pattern.quote(UplinkRoutes.commandsKey(b.user())) + "|"
                            + Pattern.quote(UplinkRoutes.configKey(b.user())) + ")$");
        }
        return root.toPrettyString();
    }

    private static void user(ArrayNode users, Login login) {
        users.addObject().put("name", login.user()).put("password_hash", hash(login.password()))
                .put("hashing_algorithm", "rabbit_password_hashing_sha256").putArray("tags");
    }

    static String hash(String password) {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            byte[] digest = sha.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[salt.length + digest.length];
            System.arraycopy(salt, 0, out, 0, salt.length);
            System.arraycopy(digest, 0, out, salt.length, digest.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
