package io.counterline.hall.signage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signage files on disk, named by their SHA-256, in {@code .media} under the content folder (so
 * the slideshow loads them like any content). A download goes to {@code <sha>.part} while it is
 * hashed and is renamed to {@code <sha>} only when complete and matching: a cut or corrupt
 * download is deleted and never shown. A file already on disk is hashed again once after start
 * before it is used (a half-written card or a tampered file is dropped and fetched again).
 * Files the schedule no longer names are deleted ({@link #prune}), and a download that would take
 * the folder past its bound is refused (retried later), so the card never fills.
 */
public final class MediaCache {
    private static final Logger log = LoggerFactory.getLogger(MediaCache.class);
    /** The folder under the content folder. */
    public static final String FOLDER = ".media";

    /** The cache's bound unless told otherwise: 50 playlists' worth of short videos, well under a 32 GB card. */
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024 * 1024;

    private final Path dir;
    private final Duration timeout;
    private final long maxBytes;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    /** @param maxBytes the most the cached files may take together */
    public MediaCache(Path contentFolder, Duration timeout, long maxBytes) throws IOException {
        this.dir = contentFolder.resolve(FOLDER); // made at the first download: a display without schedule needs none
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** The name the content folder knows the file by. */
    public static String name(String sha256) {
        return FOLDER + "/" + sha256;
    }

    /** Whether {@code sha256} is on disk and matches its checksum (hashed at most once per run). */
    public boolean ready(String sha256) {
        if (verified.contains(sha256)) {
            return true;
        }
        Path file = dir.resolve(sha256);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = sha256();
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            if (HexFormat.of().formatHex(md.digest()).equals(sha256)) {
                verified.add(sha256);
                return true;
            }
            log.warn("signage: cached {} does not match its checksum; deleted, fetched again", sha256);
        } catch (IOException e) {
            log.warn("signage: cached {} unreadable ({}); deleted, fetched again", sha256, e.getMessage());
        }
        deleteQuietly(file);
        return false;
    }

    /**
     * Fetches {@code baseUrl + sha256} into the cache.
     *
     * @throws IOException when the server is unreachable or silent for the timeout, answers other than 200, sends more
     *                     than {@code size} bytes, stops early, or the bytes do not match
     */
    public void fetch(String baseUrl, String sha256, long size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        long used = used();
        if (used + size > maxBytes) {
            throw new IOException(sha256 + ": " + size + " bytes would take the cache past its bound (" + used + " of "
                    + maxBytes + " bytes used)");
        }
        Path part = dir.resolve(sha256 + ".part");
        // HttpURLConnection for its read timeout: a server that stalls mid-body must not hold the
        // signage thread (java.net.http has no timeout on reading the body).
        HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + sha256).toURL().openConnection();
        c.setConnectTimeout((int) timeout.toMillis());
        c.setReadTimeout((int) timeout.toMillis());
        c.setInstanceFollowRedirects(false);
        try {
            if (c.getResponseCode() != 200) {
                throw new IOException(sha256 + ": HTTP " + c.getResponseCode());
            }
            MessageDigest md = sha256();
            long total = 0;
            try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(part)) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > size) {
                        throw new IOException(sha256 + ": more than the announced " + size + " bytes");
                    }
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            if (total != size) {
                throw new IOException(sha256 + ": " + total + " of " + size + " bytes arrived");
            }
            String got = HexFormat.of().formatHex(md.digest());
            if (!got.equals(sha256)) {
                throw new IOException(sha256 + ": the bytes have checksum " + got);
            }
            Files.move(part, dir.resolve(sha256), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            verified.add(sha256);
        } finally {
            c.disconnect();
            deleteQuietly(part);
        }
    }

    /** Deletes every cached file (and leftover part) not in {@code keep}: old content does not fill the card. */
    public void prune(Set<String> keep) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!keep.contains(name)) {
                    verified.remove(name);
                    deleteQuietly(f);
                }
            }
        } catch (IOException e) {
            log.warn("signage: cache {} not pruned ({})", dir, e.getMessage());
        }
    }

    /** Bytes the cached files take now. */
    long used() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long total = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                total += Files.isRegularFile(f) ? Files.size(f) : 0;
            }
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("signage: cannot delete {}: {}", file, e.getMessage());
        }
    }
}
