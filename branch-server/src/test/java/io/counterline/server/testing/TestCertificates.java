package io.counterline.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker certificate for 127.0.0.1 made in the test with the JDK's keytool (no library, no
 * network): a PKCS#12 key store for the embedded broker, the same certificate and key as PEM for
 * Mosquitto, and a PKCS#12 trust store holding the certificate for the clients.
 */
public record TestCertificates(Path keyStore, Path certPem, Path keyPem, Path trustStore) {
    public static final String PASSWORD = "test-store-pass";

    /** Makes a self-signed certificate for {@code cn} (IP and DNS names for loopback) in {@code dir}. */
    public static TestCertificates generate(Path dir, String name) throws IOException, InterruptedException,
            GeneralSecurityException {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve(name + ".p12");
        Path certPem = dir.resolve(name + "-cert.pem");
        Path keyPem = dir.resolve(name + "-key.pem");
        Path trustStore = dir.resolve(name + "-trust.p12");
        keytool(List.of("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        keytool(List.of("-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", certPem.toString()));
        keytool(List.of("-importcert", "-noprompt", "-alias", "broker", "-file", certPem.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Key key = ks.getKey("broker", PASSWORD.toCharArray());
        // PKCS#8, unencrypted: what OpenSSL (Mosquitto) reads as "BEGIN PRIVATE KEY".
        Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new TestCertificates(keyStore, certPem, keyPem, trustStore);
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + args.get(0) + " failed: " + out);
        }
    }
}
