package io.counterline.pad.screen;

import io.counterline.protocol.Bodies.TellerPhoto;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tellers' photos as the console names them in a rating arm: fetched over HTTP once per content,
 * checked against the SHA-256 the arm carries, and kept in a folder as {@code <sha256>} files, so
 * the next arm of that teller shows the photo at once, also while the console is unreachable.
 *
 * <p>Threading: {@link #cached} on any thread (a file lookup); fetches run one at a time, in the
 * order asked, on this cache's own thread, never on the JavaFX or model thread.
 */
final class PhotoCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PhotoCache.class);
    /** Above the console's 48 KiB photo bound; anything larger is not a teller's photo. */
    static final int MAX_BYTES = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pad-photo-fetch");
        t.setDaemon(true);
        return t;
    });

    PhotoCache(Path dir) {
        this.dir = dir;
    }

    /** The stored photo with this checksum, if it was fetched before. */
    Optional<Path> cached(String sha256) {
        Path file = dir.resolve(sha256);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Fetches the photo unless it is cached, then tells {@code stored} where it is (on the cache's
     * thread). A fetch that fails (no answer, not 200, too large, wrong checksum) is logged and
     * {@code stored} is not called: the screen keeps its placeholder, and the next arm asks again.
     */
    void fetch(TellerPhoto photo, Consumer<Path> stored) {
        try {
            fetcher.execute(() -> {
                Optional<Path> file = cached(photo.sha256()).or(() -> download(photo));
                file.ifPresent(stored);
            });
        } catch (RejectedExecutionException e) {
            log.debug("photo cache closed; {} not fetched", photo.sha256());
        }
    }

    private Optional<Path> download(TellerPhoto photo) {
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(photo.url())).timeout(TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            try (InputStream in = r.body()) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (r.statusCode() != 200) {
                log.warn("teller photo {}: the console answered {}", photo.url(), r.statusCode());
                return Optional.empty();
            }
            if (bytes.length > MAX_BYTES) {
                log.warn("teller photo {}: larger than {} bytes, not shown", photo.url(), MAX_BYTES);
                return Optional.empty();
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!sha.equals(photo.sha256())) {
                log.warn("teller photo {}: checksum {} is not the arm's {}, not shown", photo.url(), sha, photo.sha256());
                return Optional.empty();
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "fetch-", ".tmp");
            Files.write(tmp, bytes);
            Path file = dir.resolve(sha);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(file);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("teller photo {} not fetched: {}", photo.url(), e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
    }
}
