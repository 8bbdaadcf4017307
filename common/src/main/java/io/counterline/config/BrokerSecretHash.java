package io.counterline.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A device's broker secret as Mosquitto keeps it in its password file ({@code mosquitto_passwd}'s
 * format {@code $7$<iterations>$<salt>$<hash>}, PBKDF2-HMAC-SHA512): what Counterline writes for
 * Mosquitto and what the console stores for the devices of a counter added there, so that the
 * secret itself is never kept. The secrets hashed here are long random strings, so mosquitto's
 * 101 iterations are enough and a check stays cheap on the broker's network threads.
 */
public final class BrokerSecretHash {
    /** mosquitto_passwd's defaults: "$7$" = PBKDF2-HMAC-SHA512, 101 iterations, 12-byte salt. */
    private static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BITS = 512;
    /** A stored hash with more is not ours (a hostile row would make every check slow). */
    private static final int MAX_ITERATIONS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BrokerSecretHash() {
    }

    /** A new hash of {@code secret} with a random salt. */
    public static String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return "$7$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(secret.toCharArray(), salt, ITERATIONS));
    }

    /**
     * Whether {@code password} (as a client sent it, UTF-8) is the secret {@code stored} was made
     * from; false for anything malformed. Constant time in the hash comparison.
     */
    public static boolean matches(byte[] password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        String[] p = stored.split("\\$");
        if (p.length != 5 || !p[0].isEmpty() || !p[1].equals("7")) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(p[2]);
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(p[3]);
            byte[] hash = Base64.getDecoder().decode(p[4]);
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(password));
            char[] secret = new char[chars.remaining()];
            chars.get(secret);
            return MessageDigest.isEqual(derive(secret, salt, iterations), hash);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] derive(char[] secret, byte[] salt, int iterations) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512");
            return f.generateSecret(new PBEKeySpec(secret, salt, iterations, HASH_BITS)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JDK", e);
        }
    }
}
