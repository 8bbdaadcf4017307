package io.counterline.kiosk.admin;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The admin screen's PIN, kept as a PBKDF2 hash ({@code kiosk.admin-pin-hash}) so that the
 * device config file, which is copied into deploy bundles and backups, does not give the PIN
 * away. Format: {@code pbkdf2-sha256:<iterations>:<salt, base64>:<hash, base64>}; print one with
 * {@code java -cp kiosk-app.jar io.counterline.kiosk.admin.AdminPin <pin>}.
 */
public final class AdminPin {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 120_000;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private AdminPin(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code encoded} */
    public static AdminPin parse(String encoded) {
        String[] parts = encoded.trim().split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("expected " + SCHEME + ":<iterations>:<salt>:<hash> "
                    + "(print one with io.counterline.kiosk.admin.AdminPin <pin>)");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1000) {
                throw new IllegalArgumentException("at least 1000 iterations, was " + iterations);
            }
            return new AdminPin(iterations, Base64.getDecoder().decode(parts[2]), Base64.getDecoder().decode(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations '" + parts[1] + "' is not a number");
        }
    }

    /** A new hash of {@code pin} with a random salt, in the config format. */
    public static String hash(String pin) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + ":" + ITERATIONS + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(derive(pin, salt, ITERATIONS));
    }

    /** Whether {@code pin} is the PIN; compares in constant time. Takes tens of milliseconds. */
    public boolean matches(String pin) {
        return MessageDigest.isEqual(hash, derive(pin, salt, iterations));
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

    /** Prints the hash of the PIN given as the only argument, for {@code kiosk.admin-pin-hash}. */
    public static void main(String[] args) {
        if (args.length != 1 || !args[0].matches("\\d{4,12}")) {
            System.err.println("usage: AdminPin <pin of 4 to 12 digits>");
            System.exit(2);
        }
        System.out.println(hash(args[0]));
    }
}
