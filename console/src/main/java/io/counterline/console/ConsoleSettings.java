package io.counterline.console;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The console's part of the branch file ({@code console { ... }}), checked at start:
 * <pre>
 * console {
 *   listen = "127.0.0.1:8080"        # host:port; port 0 picks a free one (tests)
 *   https.keystore = "/etc/counterline/console.p12"   # PKCS#12; HTTPS only when set
 *   https.keystore-password = "..."
 *   pdf-font = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
 *   heartbeat = 15s                  # SSE comment interval; a dead client is dropped at the next one
 * }
 * </pre>
 * Without {@code console.listen} the console does not start.
 *
 * @param database the console's own SQLite file, {@code console.db} in the server's data folder
 */
public record ConsoleSettings(String host, int port, Optional<Path> keystore, String keystorePassword,
                              Path database, Path pdfFont, Duration heartbeat) {
    public static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    public boolean https() {
        return keystore.isPresent();
    }

    /**
     * @return empty when {@code console.listen} is not set
     * @throws IllegalArgumentException naming the bad key
     */
    public static Optional<ConsoleSettings> from(Config c, Path dataDir) {
        if (!c.hasPath("console.listen")) {
            return Optional.empty();
        }
        String listen = c.getString("console.listen");
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = colon < 1 ? -1 : Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("console.listen must be host:port (e.g. 127.0.0.1:8080), was '"
                    + listen + "'");
        }
        Optional<Path> keystore = c.hasPath("console.https.keystore")
                ? Optional.of(Path.of(c.getString("console.https.keystore"))) : Optional.empty();
        String password = c.hasPath("console.https.keystore-password") ? c.getString("console.https.keystore-password") : "";
        if (keystore.isPresent() && !Files.isReadable(keystore.get())) {
            throw new IllegalArgumentException("console.https.keystore " + keystore.get() + " is not a readable file");
        }
        Path font = c.hasPath("console.pdf-font") ? Path.of(c.getString("console.pdf-font")) : DEFAULT_FONT;
        Duration heartbeat = c.hasPath("console.heartbeat") ? c.getDuration("console.heartbeat") : Duration.ofSeconds(15);
        if (heartbeat.toMillis() < 100 || heartbeat.toSeconds() > 300) {
            throw new IllegalArgumentException("console.heartbeat must be 100ms..300s, was " + heartbeat);
        }
        return Optional.of(new ConsoleSettings(listen.substring(0, colon), port, keystore, password,
                dataDir.resolve("console.db"), font, heartbeat));
    }
}
