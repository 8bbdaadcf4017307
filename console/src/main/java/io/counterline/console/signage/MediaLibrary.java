package io.counterline.console.signage;

import io.counterline.console.audit.AuditLog;
import io.counterline.console.store.ConsoleStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The hall media library: images and videos stored once by their SHA-256 (file
 * {@code media/<sha256>} beside console.db, a row in table {@code media}). Only PNG, JPEG and
 * H.264 video in MP4 (what JavaFX Media plays on the hall display's Pi) are taken, and only when
 * the bytes are what the declared type says ({@link Mp4Probe} for videos): SVG (which can carry
 * script), GIF, other video formats and anything whose content does not match its type are
 * refused with a reason. The upload is streamed to a temporary file while hashed and refused as
 * soon as it passes its type's limit.
 */
public final class MediaLibrary {
    /** The largest image taken: a 1080p photo is a few MB. */
    public static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    /** The largest video taken: a minute of 1080p H.264 at 8 Mbit/s is 60 MB. */
    public static final long MAX_VIDEO_BYTES = 100L * 1024 * 1024;
    /** The largest upload of any type. */
    public static final long MAX_BYTES = Math.max(MAX_IMAGE_BYTES, MAX_VIDEO_BYTES);
    public static final String MP4 = "video/mp4";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    /** One image or video of the library. */
    public record Media(String sha256, String mime, String name, long size, String addedBy, String addedAt) {
        /** {@code image} or {@code video}, as a playlist item names it. */
        public String kind() {
            return mime.startsWith("video/") ? "video" : "image";
        }
    }

    /** An upload refused, with a reason for the page. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final ConsoleStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final Path dir;

    public MediaLibrary(ConsoleStore store, AuditLog audit, Clock clock, Path dir) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.dir = dir;
    }

    /** The declared type a file name or content type stands for, or a refusal. */
    public static String mime(String declared, String fileName) throws Refused {
        String d = declared == null ? "" : declared.toLowerCase(java.util.Locale.ROOT);
        String n = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        if (d.contains("svg") || n.endsWith(".svg") || n.endsWith(".svgz")) {
            throw new Refused("SVG is not accepted (it can carry script): upload PNG or JPEG");
        }
        if (d.equals("image/png") || n.endsWith(".png")) {
            return "image/png";
        }
        if (d.equals("image/jpeg") || n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (d.equals(MP4) || n.endsWith(".mp4") || n.endsWith(".m4v")) {
            return MP4;
        }
        throw new Refused("only PNG and JPEG images and H.264 video in MP4 are accepted (what the hall display"
                + " plays), not '" + (declared == null || declared.isBlank() ? fileName : declared) + "'");
    }

    /** The most bytes taken for a file of type {@code mime}. */
    public static long limit(String mime) {
        return mime.equals(MP4) ? MAX_VIDEO_BYTES : MAX_IMAGE_BYTES;
    }

    /**
     * Stores {@code in} as an image or video of type {@code mime}; the same bytes twice are stored once.
     *
     * @return the file's checksum
     */
    public String add(InputStream in, String mime, String name, String actor, String ip)
            throws Refused, IOException, SQLException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "upload-", ".part");
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] head = new byte[8];
            int headLength = 0;
            long total = 0;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > limit(mime)) {
                        throw new Refused("the file is larger than " + limit(mime) / (1024 * 1024) + " MB");
                    }
                    if (headLength < head.length) {
                        int take = Math.min(n, head.length - headLength);
                        System.arraycopy(buf, 0, head, headLength, take);
                        headLength += take;
                    }
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            if (total == 0) {
                throw new Refused("the file is empty");
            }
            if (mime.equals(MP4)) {
                Mp4Probe.check(tmp); // refuses what is not H.264 in MP4
            } else {
                byte[] magic = mime.equals("image/png") ? PNG : JPEG;
                if (headLength < magic.length || !Arrays.equals(Arrays.copyOf(head, magic.length), magic)) {
                    throw new Refused("the content is not a " + (mime.equals("image/png") ? "PNG" : "JPEG")
                            + " image although declared one");
                }
            }
            String sha = HexFormat.of().formatHex(md.digest());
            Files.move(tmp, dir.resolve(sha), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String clean = name == null || name.isBlank() ? sha.substring(0, 12) : name.strip();
            String shown = clean.length() > 120 ? clean.substring(0, 120) : clean;
            long size = total;
            int added = store.with(db -> {
                try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO media (sha256, mime, name, size,"
                        + " added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, sha);
                    ps.setString(2, mime);
                    ps.setString(3, shown);
                    ps.setLong(4, size);
                    ps.setString(5, actor);
                    ps.setString(6, clock.instant().toString());
                    return ps.executeUpdate();
                }
            });
            audit.record(actor, ip, "signage.upload", sha, null, added == 0 ? "already in the library" : shown
                    + " " + mime + " " + size + " bytes");
            return sha;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public List<Media> all() throws SQLException {
        return store.with(db -> {
            List<Media> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT sha256, mime, name, size, added_by, added_at FROM media"
                    + " ORDER BY added_at DESC"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Media(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
            return out;
        });
    }

    public Optional<Media> find(String sha256) throws SQLException {
        return all().stream().filter(m -> m.sha256().equals(sha256)).findFirst();
    }

    /**
     * Takes {@code sha256} out of the library and deletes its file (named by content, the row is
     * its only reference). The caller has checked that no playlist still needs it.
     *
     * @return whether it was in the library
     */
    boolean delete(String sha256) throws SQLException, IOException {
        int removed = store.with(db -> {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM media WHERE sha256 = ?")) {
                ps.setString(1, sha256);
                return ps.executeUpdate();
            }
        });
        if (sha256.matches("[0-9a-f]{64}")) {
            Files.deleteIfExists(dir.resolve(sha256));
        }
        return removed > 0;
    }

    /** The stored file of a known image or video, for {@code GET /media/{sha256}}. */
    public Optional<Path> file(String sha256) throws SQLException {
        if (!sha256.matches("[0-9a-f]{64}") || find(sha256).isEmpty()) {
            return Optional.empty();
        }
        Path f = dir.resolve(sha256);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }
}
