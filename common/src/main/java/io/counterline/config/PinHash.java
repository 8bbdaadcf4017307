package io.counterline.config;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The one form in which PINs are kept in configuration (teller PINs in the branch file, the
 * kiosk's admin PIN): {@code pbkdf2-sha256$<iterations>$<salt, Base64>$<hash, Base64>}, so that a
 * config file copied into a bundle or a backup does not show the PIN. Make one with
 * {@code echo 1234 | java -cp common.jar io.counterline.config.PinHash} (or
 * {@code branch-server hash-pin}).
 */
public final class PinHash {
    private static final String SCHEME = "pbkdf2-sha256";
    /** A 4-digit PIN has 10,000 values: the hash keeps it out of plain sight, and checks stay fast. */
    private static final int ITERATIONS = 10_000;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PinHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** A new hash of {@code pin} with a random salt, in the config form. */
    public static String hash(String pin) {
        return hash(pin, ITERATIONS);
    }

    /** A new hash with more iterations, for secrets that are checked rarely (console passwords). */
    public static String hash(String secret, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(secret, salt, iterations));
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code encoded} */
    public static PinHash parse(String encoded) {
        String[] p = encoded.trim().split("\\$");
        if (p.length != 4 || !p[0].equals(SCHEME)) {
            throw new IllegalArgumentException("is not a PIN hash (" + SCHEME + "$<iterations>$<salt>$<hash>);"
                    + " make one with branch-server hash-pin");
        }
        try {
            int iterations = Integer.parseInt(p[1]);
            if (iterations < 1000) {
                throw new IllegalArgumentException("needs at least 1000 iterations, has " + iterations);
            }
            Base64.Decoder b64 = Base64.getDecoder();
            return new PinHash(iterations, b64.decode(p[2]), b64.decode(p[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a PIN hash: " + e.getMessage(), e);
        }
    }

    /** Whether {@code encoded} has the form {@link #hash} writes. */
    public static boolean isHash(String encoded) {
        try {
            parse(encoded);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code pin} is the PIN; compares in constant time. */
    public boolean matches(String pin) {
        return pin != null && MessageDigest.isEqual(hash, derive(pin, salt, iterations));
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Reads a PIN (4 to 12 digits) from standard input and prints its hash. */
    public static void main(String[] args) throws Exception {
        String pin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (pin == null || !pin.strip().matches("\\d{4,12}")) {
            System.err.println("give a PIN of 4 to 12 digits on standard input");
            System.exit(2);
        }
        System.out.println(hash(pin.strip()));
    }
}
