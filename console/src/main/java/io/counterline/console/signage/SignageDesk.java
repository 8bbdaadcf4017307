package io.counterline.console.signage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.store.ConsoleStore;
import io.counterline.protocol.InvalidMessageException;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.SignageSchedule;
import io.counterline.protocol.SignageSchedule.Item;
import io.counterline.protocol.SignageSchedule.Notice;
import io.counterline.protocol.SignageSchedule.Playlist;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hall media playlists and their approval. Editors change the draft (table {@code playlists})
 * and submit it; an approver (not the one who submitted) approves the pending revision, which
 * becomes what every hall display plays. The emergency notice needs no approval and goes out at
 * once; it is audited when set and when cleared. Head office's text notices (its configuration's
 * signage part, set by the down-link) are a playlist of their own, {@value #HEAD_OFFICE}, kept apart
 * from the draft and the revisions: it needs no approval here, and the branch's draft never rides
 * along with it. Whatever the halls must play — the approved revision, head office's playlist and
 * the emergency notice — is handed to the publisher (the host puts it on the retained
 * {@code state/signage}).
 */
public final class SignageDesk {
    /**
     * A playlist of the draft; {@code items} are {@code image:<sha256>}, {@code video:<sha256>} or
     * {@code notice:<id>}, an image or video optionally followed by {@code :<seconds>} (how long
     * it stays, 0 = the playlist's {@code slideSeconds}) and a video by {@code :<volume>} (0 muted
     * to 100).
     */
    public record Draft(String id, int priority, List<String> targets, List<String> weekdays, String from, String to,
                        String start, String end, int slideSeconds, List<String> items) {
    }

    /** A submitted revision and what became of it. */
    public record Revision(long revision, String submittedBy, String submittedAt, String state, String decidedBy,
                           String decidedAt, List<Playlist> playlists) {
    }

    /** A text notice of the library. */
    public record TextNotice(long id, String zh, String en) {
    }

    /** Head office's playlist as the configuration {@code version} set it, and when. */
    public record HeadOfficePlaylist(long version, String changedAt, Playlist playlist) {
    }

    /** The id of head office's playlist; the branch's own playlists may not take it. */
    public static final String HEAD_OFFICE = "head-office";

    /** A change refused, with the reason for the page. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConsoleStore store;
    private final MediaLibrary library;
    private final AuditLog audit;
    private final Clock clock;
    private final Supplier<String> mediaUrl;
    private final String zone;
    private final MessageCodec codec = new MessageCodec();
    private volatile Consumer<Optional<SignageSchedule>> publisher = s -> { };

    /**
     * @param mediaUrl where hall displays fetch content, e.g. {@code http://10.0.0.5:8080/media/}
     */
    public SignageDesk(ConsoleStore store, MediaLibrary library, AuditLog audit, Clock clock, Supplier<String> mediaUrl,
                       String zone) {
        this.store = store;
        this.library = library;
        this.audit = audit;
        this.clock = clock;
        this.mediaUrl = mediaUrl;
        this.zone = zone;
    }

    public MediaLibrary library() {
        return library;
    }

    /** Where the host publishes the schedule; called with the current one at once. */
    public synchronized void publishTo(Consumer<Optional<SignageSchedule>> publisher) throws SQLException {
        this.publisher = publisher;
        publisher.accept(current());
    }

    /**
     * What the halls must play now: the newest approved revision, then head office's playlist, with
     * the emergency notice, if any.
     */
    public synchronized Optional<SignageSchedule> current() throws SQLException {
        Optional<Revision> approved = approved();
        Optional<Playlist> headOffice = headOffice().map(HeadOfficePlaylist::playlist);
        Optional<Notice> emergency = emergency();
        if (approved.isEmpty() && headOffice.isEmpty() && emergency.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignageSchedule(approved.map(Revision::revision).orElse(0L), mediaUrl.get(), zone,
                withHeadOffice(approved.map(Revision::playlists).orElse(List.of()), headOffice),
                emergency.orElse(null)));
    }

    // ---------------------------------------------------------------- head office's playlist

    /** Head office's playlist, if its configuration has notices for this branch. */
    public Optional<HeadOfficePlaylist> headOffice() throws SQLException {
        return store.with(db -> {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT version, changed_at, playlist FROM head_office_signage")) {
                if (!rs.next()) {
                    return Optional.<HeadOfficePlaylist>empty();
                }
                try {
                    return Optional.of(new HeadOfficePlaylist(rs.getLong(1), rs.getString(2),
                            JSON.readValue(rs.getString(3), Playlist.class)));
                } catch (IOException e) {
                    throw new SQLException("head office's playlist unreadable: " + e.getMessage(), e);
                }
            }
        });
    }

    /**
     * Sets (or, empty, removes) head office's playlist as its configuration {@code version} says,
     * and publishes at once: head office is the authority, so there is no approval here. Unchanged
     * content does nothing (no audit, no publication). Refused when the halls' schedule would not
     * fit one message with it.
     */
    public synchronized void setHeadOffice(String actor, String ip, long version, Optional<Playlist> playlist)
            throws Refused, SQLException {
        Optional<Playlist> before = headOffice().map(HeadOfficePlaylist::playlist);
        if (before.equals(playlist)) {
            return;
        }
        checkFits(playlist);
        if (playlist.isPresent()) {
            if (!playlist.get().id().equals(HEAD_OFFICE)) {
                throw new Refused("head office's playlist is " + HEAD_OFFICE + ", not " + playlist.get().id());
            }
            String json;
            try {
                json = JSON.writeValueAsString(playlist.get());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            store.with(db -> update(db, "INSERT OR REPLACE INTO head_office_signage (id, playlist, version, changed_at)"
                    + " VALUES (1, ?, ?, ?)", json, version, clock.instant().toString()));
        } else {
            store.with(db -> update(db, "DELETE FROM head_office_signage"));
        }
        audit.record(actor, ip, "signage.head-office", "version " + version,
                before.map(SignageDesk::describe).orElse(null), playlist.map(SignageDesk::describe).orElse(null));
        publish();
    }

    /** Refuses head office's playlist when, with the approved revision, the halls' message would be too large. */
    public synchronized void checkFits(Optional<Playlist> headOffice) throws Refused, SQLException {
        List<Playlist> approved = approved().map(Revision::playlists).orElse(List.of());
        fits(withHeadOffice(approved, headOffice), "with head office's notices");
    }

    private static List<Playlist> withHeadOffice(List<Playlist> branch, Optional<Playlist> headOffice) {
        List<Playlist> all = new ArrayList<>(branch);
        headOffice.ifPresent(all::add); // last: on a tie of priority the branch's playlist is chosen
        return all;
    }

    private void fits(List<Playlist> playlists, String what) throws Refused {
        try {
            // The state must fit one MQTT message of the contract: check now, not when publishing.
            codec.encode(new SignageSchedule(1, mediaUrl.get(), zone, playlists, null));
        } catch (IllegalArgumentException e) { // InvalidMessageException too
            throw new Refused("the schedule " + what + " is too large for one hall message: " + e.getMessage());
        }
    }

    private static String describe(Playlist p) {
        return "priority " + p.priority() + (p.start() == null ? "" : " " + p.start() + "–" + p.end()) + ": "
                + p.items().stream().map(i -> i.zh() + " / " + i.en())
                        .collect(java.util.stream.Collectors.joining("; "));
    }

    private Optional<Revision> approved() throws SQLException {
        return revisions().stream().filter(r -> r.state().equals("approved")).findFirst();
    }

    // ---------------------------------------------------------------- notices

    public long addNotice(String actor, String ip, String zh, String en) throws Refused, SQLException {
        String z = text(zh, "Chinese text");
        String e = text(en, "English text");
        long id = store.with(db -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO notices (zh, en, added_by, added_at)"
                    + " VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, z);
                ps.setString(2, e);
                ps.setString(3, actor);
                ps.setString(4, clock.instant().toString());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        audit.record(actor, ip, "signage.notice", "notice:" + id, null, z + " / " + e);
        return id;
    }

    public List<TextNotice> notices() throws SQLException {
        return store.with(db -> {
            List<TextNotice> out = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT id, zh, en FROM notices ORDER BY id")) {
                while (rs.next()) {
                    out.add(new TextNotice(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- the draft

    /** Adds or replaces a playlist of the draft, checked as the hall display will read it. */
    public void savePlaylist(String actor, String ip, Draft d) throws Refused, SQLException {
        if (d.items().isEmpty()) {
            throw new Refused("a playlist needs at least one image, video or notice");
        }
        if (d.id().equals(HEAD_OFFICE)) {
            throw new Refused("the playlist id " + HEAD_OFFICE + " is head office's: choose another");
        }
        toPlaylist(d); // refuses what the protocol would
        String before = drafts().stream().filter(p -> p.id().equals(d.id())).findFirst().map(Draft::toString).orElse(null);
        store.with(db -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO playlists (id, priority, targets,"
                    + " weekdays, date_from, date_to, start_time, end_time, slide_seconds, items, changed_by, changed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, d.id());
                ps.setInt(2, d.priority());
                ps.setString(3, String.join(",", d.targets()));
                ps.setString(4, String.join(",", d.weekdays()));
                ps.setString(5, d.from());
                ps.setString(6, d.to());
                ps.setString(7, d.start());
                ps.setString(8, d.end());
                ps.setInt(9, d.slideSeconds());
                ps.setString(10, String.join(" ", d.items()));
                ps.setString(11, actor);
                ps.setString(12, clock.instant().toString());
                return ps.executeUpdate();
            }
        });
        audit.record(actor, ip, "signage.playlist", d.id(), before, d.toString());
    }

    public void removePlaylist(String actor, String ip, String id) throws SQLException {
        store.with(db -> {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM playlists WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate();
            }
        });
        audit.record(actor, ip, "signage.playlist.remove", id);
    }

    public List<Draft> drafts() throws SQLException {
        return store.with(db -> {
            List<Draft> out = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT id, priority, targets, weekdays,"
                    + " date_from, date_to, start_time, end_time, slide_seconds, items FROM playlists ORDER BY priority DESC, id")) {
                while (rs.next()) {
                    out.add(new Draft(rs.getString(1), rs.getInt(2), split(rs.getString(3), ","), split(rs.getString(4), ","),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                            split(rs.getString(10), " ")));
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- approval

    /** Snapshots the draft as a pending revision (replacing one still pending). */
    public synchronized long submit(String actor, String ip) throws Refused, SQLException {
        List<Playlist> playlists = new ArrayList<>();
        for (Draft d : drafts()) {
            playlists.add(toPlaylist(d));
        }
        if (playlists.isEmpty()) {
            throw new Refused("there is no playlist to submit");
        }
        // The state must fit one MQTT message of the contract, with head office's notices: check now, not at approval.
        fits(withHeadOffice(playlists, headOffice().map(HeadOfficePlaylist::playlist)), "with this revision");
        String json;
        try {
            json = JSON.writeValueAsString(playlists);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long revision = store.with(db -> {
            update(db, "UPDATE signage_revisions SET state = 'rejected', decided_by = ?, decided_at = ? WHERE state = 'pending'",
                    actor + " (replaced)", clock.instant().toString());
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO signage_revisions (playlists, submitted_by,"
                    + " submitted_at, state) VALUES (?, ?, ?, 'pending')", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, json);
                ps.setString(2, actor);
                ps.setString(3, clock.instant().toString());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        audit.record(actor, ip, "signage.submit", "revision " + revision, null, json);
        return revision;
    }

    /** Approves (or rejects) the pending revision; the one who submitted it may not. */
    public synchronized void decide(String actor, String ip, long revision, boolean approve) throws Refused, SQLException {
        Revision r = revisions().stream().filter(x -> x.revision() == revision).findFirst()
                .orElseThrow(() -> new Refused("no revision " + revision));
        if (!r.state().equals("pending")) {
            throw new Refused("revision " + revision + " is " + r.state() + ", not pending");
        }
        if (r.submittedBy().equals(actor)) {
            throw new Refused("revision " + revision + " was submitted by you: another approver must decide");
        }
        if (approve) { // head office's notices may have changed since it was submitted
            fits(withHeadOffice(r.playlists(), headOffice().map(HeadOfficePlaylist::playlist)),
                    "of revision " + revision);
        }
        store.with(db -> update(db, "UPDATE signage_revisions SET state = ?, decided_by = ?, decided_at = ? WHERE revision = ?",
                approve ? "approved" : "rejected", actor, clock.instant().toString(), revision));
        audit.record(actor, ip, approve ? "signage.approve" : "signage.reject", "revision " + revision, "pending",
                approve ? "approved" : "rejected");
        if (approve) {
            publish();
        }
    }

    public List<Revision> revisions() throws SQLException {
        return store.with(db -> {
            List<Revision> out = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT revision, submitted_by,"
                    + " submitted_at, state, decided_by, decided_at, playlists FROM signage_revisions ORDER BY revision DESC"
                    + " LIMIT 50")) {
                while (rs.next()) {
                    List<Playlist> playlists;
                    try {
                        playlists = JSON.readValue(rs.getString(7), new TypeReference<List<Playlist>>() { });
                    } catch (IOException e) {
                        throw new SQLException("revision " + rs.getLong(1) + " unreadable: " + e.getMessage(), e);
                    }
                    out.add(new Revision(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), playlists));
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- deleting library items

    /**
     * Deletes an image or video from the library and its file from disk, unless a playlist of
     * the draft, the pending revision or the approved one (what the halls play) names it: then
     * it is refused, naming where it is used. Audited.
     */
    public synchronized void removeMedia(String actor, String ip, String sha256) throws Refused, SQLException,
            IOException {
        MediaLibrary.Media m = library.find(sha256).orElseThrow(() -> new Refused("no such file in the library"));
        refuseIfUsed(m.name(), ref -> ref.startsWith(m.kind() + ":" + sha256), i -> sha256.equals(i.sha256()));
        library.delete(sha256);
        audit.record(actor, ip, "signage.media.remove", sha256, m.name() + " " + m.mime() + " " + m.size() + " bytes",
                null);
    }

    /** Deletes a text notice from the library, on the same terms as {@link #removeMedia}. */
    public synchronized void removeNotice(String actor, String ip, long id) throws Refused, SQLException {
        TextNotice n = notices().stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new Refused("no notice " + id + " in the library"));
        refuseIfUsed("notice " + id, ref -> ref.equals("notice:" + id),
                i -> i.sha256() == null && i.zh().equals(n.zh()) && i.en().equals(n.en()));
        store.with(db -> update(db, "DELETE FROM notices WHERE id = ?", id));
        audit.record(actor, ip, "signage.notice.remove", "notice:" + id, n.zh() + " / " + n.en(), null);
    }

    private void refuseIfUsed(String what, java.util.function.Predicate<String> inDraft,
                              java.util.function.Predicate<Item> inRevision) throws Refused, SQLException {
        for (Draft d : drafts()) {
            if (d.items().stream().anyMatch(inDraft)) {
                throw new Refused(what + " is in playlist " + d.id() + " of the draft: take it out first");
            }
        }
        List<Revision> all = revisions();
        Optional<Revision> pending = all.stream().filter(r -> r.state().equals("pending")).findFirst();
        Optional<Revision> approved = all.stream().filter(r -> r.state().equals("approved")).findFirst();
        for (Optional<Revision> r : List.of(pending, approved)) {
            if (r.isPresent() && r.get().playlists().stream().flatMap(p -> p.items().stream()).anyMatch(inRevision)) {
                throw new Refused(what + " is in revision " + r.get().revision() + " (" + r.get().state()
                        + "), which " + (r.get().state().equals("pending") ? "waits for approval" : "the halls play")
                        + ": approve or reject a revision without it first");
            }
        }
    }

    // ---------------------------------------------------------------- emergency notice

    /** Shows {@code zh}/{@code en} on every hall display at once, over everything. */
    public synchronized void setEmergency(String actor, String ip, String zh, String en) throws Refused, SQLException {
        String z = text(zh, "Chinese text");
        String e = text(en, "English text");
        String before = emergency().map(Notice::toString).orElse(null);
        store.with(db -> update(db, "INSERT OR REPLACE INTO emergency_notice (id, zh, en, since, set_by) VALUES (1, ?, ?, ?, ?)",
                z, e, clock.instant().toString(), actor));
        audit.record(actor, ip, "signage.emergency.on", "emergency notice", before, z + " / " + e);
        publish();
    }

    public synchronized void clearEmergency(String actor, String ip) throws SQLException {
        String before = emergency().map(Notice::toString).orElse(null);
        store.with(db -> update(db, "DELETE FROM emergency_notice"));
        audit.record(actor, ip, "signage.emergency.off", "emergency notice", before, null);
        publish();
    }

    public Optional<Notice> emergency() throws SQLException {
        return store.with(db -> {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT zh, en, since FROM emergency_notice")) {
                return rs.next() ? Optional.of(new Notice(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.<Notice>empty();
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private void publish() throws SQLException {
        publisher.accept(current());
    }

    private Playlist toPlaylist(Draft d) throws Refused, SQLException {
        List<Item> items = new ArrayList<>();
        List<TextNotice> notices = notices();
        for (String ref : d.items()) {
            String[] parts = ref.split(":", -1);
            if ((parts[0].equals("image") || parts[0].equals("video")) && parts.length >= 2 && parts.length <= 4) {
                String sha = parts[1];
                MediaLibrary.Media m = library.find(sha).orElseThrow(() -> new Refused("no " + parts[0] + " " + sha
                        + " in the library"));
                if (!m.kind().equals(parts[0])) {
                    throw new Refused(sha + " is a " + m.kind() + ", not a " + parts[0]);
                }
                int seconds = parts.length > 2 ? number(parts[2], Item.MAX_SECONDS, "seconds of " + m.name()) : 0;
                int volume = parts.length > 3 ? number(parts[3], 100, "volume of " + m.name()) : 0;
                items.add(new Item(m.kind(), m.sha256(), m.size(), null, null, seconds, volume));
            } else if (parts[0].equals("notice") && parts.length == 2) {
                TextNotice n = notices.stream().filter(x -> Long.toString(x.id()).equals(parts[1])).findFirst()
                        .orElseThrow(() -> new Refused("no " + ref + " in the library"));
                items.add(new Item("notice", null, 0, n.zh(), n.en()));
            } else {
                throw new Refused("item '" + ref + "' is none of image:…, video:…, notice:…");
            }
        }
        try {
            return new Playlist(d.id(), d.priority(), d.targets(), d.weekdays(), d.from(), d.to(), d.start(), d.end(),
                    d.slideSeconds(), items);
        } catch (InvalidMessageException e) {
            throw new Refused(e.getMessage());
        }
    }

    private static int number(String v, int max, String what) throws Refused {
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Refused(what + " must be a whole number from 0 to " + max);
    }

    private static String text(String value, String what) throws Refused {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > 500) {
            throw new Refused(what + " must be 1 to 500 characters");
        }
        return v;
    }

    private static List<String> split(String s, String sep) {
        return s == null || s.isBlank() ? List.of() : List.of(s.split(sep));
    }

    private static int update(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
