package io.counterline.console.staff;

import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.store.ConsoleStore.PhotoRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tellers' photos, uploaded in the console: PNG or JPEG by their first bytes (never by the name
 * or the type the browser claims), at most {@value #MAX_BYTES} bytes, stored once per content as
 * {@code <sha256>.png|jpg} in a folder beside console.db. Audited with the old and new checksum.
 * Which photo is whose is also kept in memory ({@link #current}), for the engine's thread, which
 * names it in each rating arm so the pad can fetch it by its checksum ({@link #byChecksum}).
 */
public final class TellerPhotos {
    /** Kept under the console's 64 KiB request bound: a pad shows a small portrait. */
    public static final int MAX_BYTES = 48 * 1024;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    /** A stored photo. */
    public record Photo(String sha256, String contentType, byte[] bytes) {
    }

    private final ConsoleStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final Path dir;
    private final Map<String, PhotoRow> current = new ConcurrentHashMap<>();

    public TellerPhotos(ConsoleStore store, AuditLog audit, Clock clock, Path dir) throws SQLException {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.dir = dir;
        store.photos().forEach(r -> current.put(r.teller(), r));
    }

    /** The teller's photo now, from memory (no I/O: the engine asks on its own thread). */
    public Optional<PhotoRow> current(String teller) {
        return Optional.ofNullable(current.get(teller));
    }

    /** A stored photo by its checksum (64 lower-case hex digits; anything else names nothing). */
    public Optional<Photo> byChecksum(String sha) {
        if (sha == null || !sha.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        try {
            for (String type : List.of("image/png", "image/jpeg")) {
                Path file = file(sha, type);
                if (Files.isRegularFile(file)) {
                    return Optional.of(new Photo(sha, type, Files.readAllBytes(file)));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image type by its magic bytes, or empty when it is neither PNG nor JPEG. */
    static Optional<String> typeOf(byte[] b) {
        if (startsWith(b, PNG)) {
            return Optional.of("image/png");
        }
        return startsWith(b, JPEG) ? Optional.of("image/jpeg") : Optional.empty();
    }

    public void set(String actor, String ip, String teller, byte[] bytes) throws ConsoleUsers.Refused {
        if (bytes == null || bytes.length == 0) {
            throw new ConsoleUsers.Refused("choose a photo file");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConsoleUsers.Refused("a photo is at most " + MAX_BYTES / 1024 + " KiB");
        }
        String type = typeOf(bytes).orElseThrow(() -> new ConsoleUsers.Refused("a photo is a PNG or JPEG file"));
        String sha = sha256(bytes);
        try {
            Path file = file(sha, type);
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "upload-", ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Optional<PhotoRow> before = store.photo(teller);
            store.savePhoto(new PhotoRow(teller, sha, type), clock.instant());
            current.put(teller, new PhotoRow(teller, sha, type));
            audit.record(actor, ip, "teller.photo", teller, before.map(TellerPhotos::describe).orElse("photo=none"),
                    describe(new PhotoRow(teller, sha, type)) + "; bytes=" + bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("storing a photo in " + dir + " failed", e);
        } catch (SQLException e) {
            throw new IllegalStateException("console.db: " + e.getMessage(), e);
        }
    }

    public Optional<Photo> photo(String teller) {
        try {
            Optional<PhotoRow> row = store.photo(teller);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            Path file = file(row.get().sha256(), row.get().contentType());
            return Files.exists(file) ? Optional.of(new Photo(row.get().sha256(), row.get().contentType(),
                    Files.readAllBytes(file))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("console.db: " + e.getMessage(), e);
        }
    }

    private Path file(String sha, String type) {
        return dir.resolve(sha + (type.equals("image/png") ? ".png" : ".jpg"));
    }

    private static String describe(PhotoRow r) {
        return "photo=" + r.sha256() + " (" + r.contentType() + ")";
    }

    private static boolean startsWith(byte[] b, byte[] magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
