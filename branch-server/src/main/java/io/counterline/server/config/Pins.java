package io.counterline.server.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Teller PINs are kept only as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64), made by
 * {@code branch-server hash-pin}; a leaked config file does not reveal them.
 */
public final class Pins {
    private static final String SCHEME = "pbkdf2-sha256";
    /** A 4-digit PIN has 10,000 values; the hash only keeps it out of plain sight, and sign-in must stay fast. */
    private static final int ITERATIONS = 10_000;

    private Pins() {
    }

    public static String hash(String pin) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(pin, salt, ITERATIONS));
    }

    /** Whether {@code hash} has the form {@link #hash} writes. */
    public static boolean isHash(String hash) {
        String[] p = hash.split("\\$");
        return p.length == 4 && p[0].equals(SCHEME) && p[1].matches("\\d{1,7}");
    }

    public static boolean matches(String pin, String hash) {
        if (pin == null || !isHash(hash)) {
            return false;
        }
        String[] p = hash.split("\\$");
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(p[3]);
        return MessageDigest.isEqual(expected, derive(pin, b64.decode(p[2]), Integer.parseInt(p[1])));
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(pin.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }
}
