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
 *   media-url = "http://10.0.0.5:8080/media/"   # where hall displays fetch media; needed with 0.0.0.0
 * }
 * </pre>
 * Without {@code console.listen} the console does not start. Hall displays fetch media from
 * {@code console.media-url} when set, else from the listen address; a console listening on every
 * address ({@code 0.0.0.0} or {@code [::]}) has no one address to tell them, so there the key is
 * required (a clear error at {@code --check}, not halls fetching from 127.0.0.1).
 *
 * @param database the console's own SQLite file, {@code console.db} in the server's data folder
 * @param mediaUrl {@code console.media-url}: http(s)://host[:port]/…/ ending in "/"
 */
public record ConsoleSettings(String host, int port, Optional<Path> keystore, String keystorePassword,
                              Path database, Path pdfFont, Duration heartbeat, Optional<String> mediaUrl) {
    public static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    /** Settings where hall displays fetch media from the listen address. */
    public ConsoleSettings(String host, int port, Optional<Path> keystore, String keystorePassword, Path database,
                           Path pdfFont, Duration heartbeat) {
        this(host, port, keystore, keystorePassword, database, pdfFont, heartbeat, Optional.empty());
    }

    /** Whether the console listens on every address (then hall displays need {@code console.media-url}). */
    public boolean wildcard() {
        return host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::");
    }

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
        String host = listen.substring(0, colon);
        Optional<String> mediaUrl = c.hasPath("console.media-url") ? Optional.of(c.getString("console.media-url"))
                : Optional.empty();
        if (mediaUrl.isPresent() && (mediaUrl.get().length() > 200
                || !mediaUrl.get().matches("https?://[^\\s/?#]+(/[^\\s?#]*)?/"))) {
            throw new IllegalArgumentException("console.media-url must be http(s)://host:port/media/ (ending in /,"
                    + " at most 200 characters), was '" + mediaUrl.get() + "'");
        }
        ConsoleSettings settings = new ConsoleSettings(host, port, keystore, password, dataDir.resolve("console.db"),
                font, heartbeat, mediaUrl);
        if (settings.wildcard() && mediaUrl.isEmpty()) {
            throw new IllegalArgumentException("console.listen " + listen + " listens on every address, so hall displays"
                    + " cannot be told one: set console.media-url to the address they reach, e.g."
                    + " \"http://10.0.0.5:" + port + "/media/\"");
        }
        return Optional.of(settings);
    }
}
