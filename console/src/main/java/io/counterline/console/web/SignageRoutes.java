package io.counterline.console.web;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Sessions;
import io.counterline.console.signage.MediaLibrary;
import io.counterline.console.signage.ProofOfPlay;
import io.counterline.console.signage.SignageDesk;
import io.counterline.protocol.SignageSchedule;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The hall media pages ({@code /signage}) and the content the hall displays fetch
 * ({@code GET /media/{sha256}}). Media is served without a session: hall displays have no console
 * account, the content is what the public hall shows anyway, and a name is a SHA-256 of a file
 * in the library (nothing else can be listed or guessed). HTTP Range is answered (206).
 */
final class SignageRoutes {
    /** The largest request body: the video limit plus room for the form's other fields. */
    static final long MAX_UPLOAD_REQUEST = MediaLibrary.MAX_BYTES + 64 * 1024;

    private final SignageDesk desk;
    private final ProofOfPlay plays;
    private final List<String> hallDisplays;
    private final AuditLog audit;
    private final Supplier<BranchDirectory> dir;
    private final BiFunction<Context, Boolean, Sessions.Current> require;

    SignageRoutes(SignageDesk desk, ProofOfPlay plays, List<String> hallDisplays, AuditLog audit,
                  Supplier<BranchDirectory> dir, BiFunction<Context, Boolean, Sessions.Current> require) {
        this.desk = desk;
        this.plays = plays;
        this.hallDisplays = List.copyOf(hallDisplays);
        this.audit = audit;
        this.dir = dir;
        this.require = require;
    }

    static boolean open(String path) {
        return path.startsWith("/media/");
    }

    /** Before the session guard: refuses an oversized upload from its header, before reading it. */
    void registerLimits(JavalinConfig config) {
        config.jetty.multipartConfig.maxFileSize(MediaLibrary.MAX_BYTES, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_REQUEST, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxInMemoryFileSize(64 * 1024, SizeUnit.BYTES);
        config.routes.before("/signage/upload", ctx -> {
            long length = ctx.req().getContentLengthLong();
            if (length > MAX_UPLOAD_REQUEST) {
                ctx.header("Connection", "close");
                throw new ConsoleServer.Refused(HttpStatus.CONTENT_TOO_LARGE, "the file is larger than "
                        + MediaLibrary.MAX_BYTES / (1024 * 1024) + " MB; nothing was stored");
            }
        });
    }

    void register(JavalinConfig config) {
        config.routes.get("/media/{sha256}", this::media);
        config.routes.get("/signage", ctx -> page(ctx, null));
        config.routes.post("/signage/upload", this::upload);
        config.routes.post("/signage/notices", ctx -> change(ctx, Role::editsSignage, s ->
                desk.addNotice(s.user().login(), ctx.ip(), ctx.formParam("zh"), ctx.formParam("en"))));
        config.routes.post("/signage/media/{sha256}/remove", ctx -> change(ctx, Role::editsSignage, s ->
                desk.removeMedia(s.user().login(), ctx.ip(), bounded(ctx.pathParam("sha256")))));
        config.routes.post("/signage/notices/{id}/remove", ctx -> change(ctx, Role::editsSignage, s ->
                desk.removeNotice(s.user().login(), ctx.ip(), number(ctx.pathParam("id"), -1, 0, Integer.MAX_VALUE,
                        "a notice number"))));
        config.routes.post("/signage/playlists", ctx -> change(ctx, Role::editsSignage, s ->
                desk.savePlaylist(s.user().login(), ctx.ip(), draft(ctx))));
        config.routes.post("/signage/playlists/{id}/remove", ctx -> change(ctx, Role::editsSignage, s ->
                desk.removePlaylist(s.user().login(), ctx.ip(), id(ctx.pathParam("id")))));
        config.routes.post("/signage/submit", ctx -> change(ctx, Role::editsSignage, s ->
                desk.submit(s.user().login(), ctx.ip())));
        config.routes.post("/signage/revisions/{rev}/{decision}", ctx -> change(ctx, Role::approvesSignage, s ->
                desk.decide(s.user().login(), ctx.ip(), revision(ctx), switch (ctx.pathParam("decision")) {
                    case "approve" -> true;
                    case "reject" -> false;
                    default -> throw new IllegalArgumentException("no such decision");
                })));
        config.routes.post("/signage/emergency", ctx -> change(ctx, Role::approvesSignage, s ->
                desk.setEmergency(s.user().login(), ctx.ip(), bounded(ctx.formParam("zh")), bounded(ctx.formParam("en")))));
        config.routes.post("/signage/emergency/clear", ctx -> change(ctx, Role::approvesSignage, s ->
                desk.clearEmergency(s.user().login(), ctx.ip())));
    }

    // ---------------------------------------------------------------- content for the hall displays

    private void media(Context ctx) throws Exception {
        String sha = ctx.pathParam("sha256");
        Optional<Path> file = desk.library().file(sha);
        Optional<MediaLibrary.Media> m = file.isPresent() ? desk.library().find(sha) : Optional.empty();
        if (file.isEmpty() || m.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("no such media");
            return;
        }
        // Named by content: it never changes, so it may be cached for good.
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("ETag", "\"" + sha + "\"");
        RangedFile.send(ctx, file.get(), m.get().mime());
    }

    // ---------------------------------------------------------------- the page

    private interface Change {
        void apply(Sessions.Current s) throws Exception;
    }

    private void change(Context ctx, Predicate<Role> allowed, Change change) throws Exception {
        Sessions.Current s = require.apply(ctx, allowed.test(require.apply(ctx, true).user().role()));
        try {
            change.apply(s);
        } catch (SignageDesk.Refused | MediaLibrary.Refused | IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            page(ctx, e.getMessage());
            return;
        }
        ctx.redirect("/signage", HttpStatus.SEE_OTHER);
    }

    private void upload(Context ctx) throws Exception {
        change(ctx, Role::editsSignage, s -> {
            UploadedFile f = ctx.uploadedFile("file");
            if (f == null) {
                throw new MediaLibrary.Refused("choose a file to upload");
            }
            String mime = MediaLibrary.mime(f.contentType(), f.filename());
            if (f.size() > MediaLibrary.limit(mime)) {
                throw new MediaLibrary.Refused("the file is larger than " + MediaLibrary.limit(mime) / (1024 * 1024) + " MB");
            }
            try (InputStream in = f.content()) {
                desk.library().add(in, mime, f.filename(), s.user().login(), ctx.ip());
            }
        });
    }

    private void page(Context ctx, String error) throws SQLException {
        Sessions.Current s = require.apply(ctx, require.apply(ctx, true).user().role().editsSignage());
        String lang = s.user().language();
        boolean approver = s.user().role().approvesSignage();
        audit.record(s.user().login(), ctx.ip(), "signage.view", "/signage");
        Html h = new Html();
        if (error != null) {
            h.element("p", error, "class", "error", "id", "error");
        }
        // Emergency notice
        h.element("h2", Texts.of(lang, "emergency"));
        Optional<SignageSchedule.Notice> emergency = desk.emergency();
        h.element("p", emergency.map(n -> n.zh() + " / " + n.en() + " (" + n.since() + ")").orElse("–"),
                "id", "emergency-current", "class", emergency.isPresent() ? "error" : "muted");
        if (approver) {
            h.open("form", "method", "post", "action", "/signage/emergency", "class", "filters").csrf(s.csrf());
            field(h, Texts.of(lang, "zh-text"), "zh", "emergency-zh");
            field(h, Texts.of(lang, "en-text"), "en", "emergency-en");
            h.element("button", Texts.of(lang, "emergency-on"), "type", "submit", "id", "emergency-on").close("form");
            if (emergency.isPresent()) {
                h.open("form", "method", "post", "action", "/signage/emergency/clear").csrf(s.csrf())
                        .element("button", Texts.of(lang, "emergency-off"), "type", "submit", "id", "emergency-off")
                        .close("form");
            }
        }
        // Head office's notices: read-only, so the branch knows why the halls show them.
        h.element("h2", Texts.of(lang, "head-office-notices"));
        Optional<SignageDesk.HeadOfficePlaylist> headOffice = desk.headOffice();
        if (headOffice.isEmpty()) {
            h.element("p", "–", "id", "head-office-none", "class", "muted");
        } else {
            SignageSchedule.Playlist p = headOffice.get().playlist();
            h.element("p", Texts.of(lang, "head-office-notices-note") + " v" + headOffice.get().version() + " · "
                    + Texts.of(lang, "priority") + " " + p.priority() + " · " + Texts.of(lang, "window") + " "
                    + nz(p.start()) + " – " + nz(p.end()), "class", "note", "id", "head-office-about");
            h.open("table", "id", "head-office-notices").open("thead")
                    .headerRow(Texts.of(lang, "zh-text"), Texts.of(lang, "en-text")).close("thead").open("tbody");
            for (SignageSchedule.Item i : p.items()) {
                h.row(i.zh(), i.en());
            }
            h.close("tbody").close("table");
        }
        // Library
        h.element("h2", Texts.of(lang, "library"));
        h.open("form", "method", "post", "action", "/signage/upload", "enctype", "multipart/form-data", "class", "filters")
                .csrf(s.csrf()).empty("input", "type", "file", "name", "file", "id", "upload-file",
                        "accept", "image/png,image/jpeg,video/mp4")
                .element("button", Texts.of(lang, "upload"), "type", "submit", "id", "upload").close("form");
        h.open("form", "method", "post", "action", "/signage/notices", "class", "filters").csrf(s.csrf());
        field(h, Texts.of(lang, "zh-text"), "zh", "notice-zh");
        field(h, Texts.of(lang, "en-text"), "en", "notice-en");
        h.element("button", Texts.of(lang, "add-notice"), "type", "submit", "id", "add-notice").close("form");

        // The playlist form lists the library as check boxes.
        h.element("h2", Texts.of(lang, "playlists"));
        h.open("form", "method", "post", "action", "/signage/playlists", "id", "playlist-form").csrf(s.csrf());
        h.open("table", "id", "library").open("thead")
                .headerRow("", Texts.of(lang, "preview"), Texts.of(lang, "name"), Texts.of(lang, "size"), "SHA-256",
                        Texts.of(lang, "item-seconds"), Texts.of(lang, "volume"), "")
                .close("thead").open("tbody");
        for (MediaLibrary.Media m : desk.library().all()) {
            String ref = m.kind() + ":" + m.sha256();
            String id = m.sha256().substring(0, 12);
            h.open("tr").open("td").empty("input", "type", "checkbox", "name", "item", "value", ref,
                    "id", "item-" + id).close("td").open("td");
            if (m.kind().equals("video")) {
                h.open("video", "src", "/media/" + m.sha256(), "class", "preview", "width", "160", "muted", "muted",
                        "preload", "metadata", "controls", "controls").close("video");
            } else {
                h.empty("img", "src", "/media/" + m.sha256(), "alt", m.name(), "class", "preview", "width", "160");
            }
            h.close("td").element("td", m.name()).element("td", m.size()).element("td", id + "…")
                    .open("td").empty("input", "type", "text", "name", "seconds:" + ref, "id", "seconds-" + id,
                            "maxlength", "4", "size", "4").close("td").open("td");
            if (m.kind().equals("video")) {
                h.empty("input", "type", "text", "name", "volume:" + ref, "id", "volume-" + id, "maxlength", "3",
                        "size", "3");
            }
            // Its own form (below), not the playlist form's: Enter in a playlist field must not delete.
            h.close("td").open("td").element("button", Texts.of(lang, "delete"), "type", "submit", "id", "delete-" + id,
                    "form", "delete-form-" + id).close("td").close("tr");
        }
        for (SignageDesk.TextNotice n : desk.notices()) {
            h.open("tr").open("td").empty("input", "type", "checkbox", "name", "item", "value", "notice:" + n.id(),
                    "id", "item-notice-" + n.id()).close("td")
                    .element("td", n.zh(), "class", "notice").element("td", n.en()).element("td", "").element("td", "")
                    .element("td", "").element("td", "")
                    .open("td").element("button", Texts.of(lang, "delete"), "type", "submit", "id",
                            "delete-notice-" + n.id(), "form", "delete-form-notice-" + n.id())
                    .close("td").close("tr");
        }
        h.close("tbody").close("table");
        h.open("p", "class", "filters");
        field(h, Texts.of(lang, "playlist-id"), "id", "playlist-id");
        field(h, Texts.of(lang, "priority"), "priority", "playlist-priority");
        field(h, Texts.of(lang, "targets"), "targets", "playlist-targets");
        field(h, Texts.of(lang, "weekdays"), "weekdays", "playlist-weekdays");
        field(h, Texts.of(lang, "from"), "from", "playlist-from");
        field(h, Texts.of(lang, "to"), "to", "playlist-to");
        field(h, Texts.of(lang, "window") + " HH:mm", "start", "playlist-start");
        field(h, "–", "end", "playlist-end");
        field(h, Texts.of(lang, "slide-seconds"), "slide", "playlist-slide");
        h.close("p");
        h.element("button", Texts.of(lang, "save-playlist"), "type", "submit", "id", "save-playlist").close("form");
        for (MediaLibrary.Media m : desk.library().all()) {
            h.open("form", "method", "post", "action", "/signage/media/" + m.sha256() + "/remove", "id",
                    "delete-form-" + m.sha256().substring(0, 12)).csrf(s.csrf()).close("form");
        }
        for (SignageDesk.TextNotice n : desk.notices()) {
            h.open("form", "method", "post", "action", "/signage/notices/" + n.id() + "/remove", "id",
                    "delete-form-notice-" + n.id()).csrf(s.csrf()).close("form");
        }

        h.open("table", "id", "drafts").open("thead").headerRow(Texts.of(lang, "playlist-id"), Texts.of(lang, "priority"),
                Texts.of(lang, "targets"), Texts.of(lang, "weekdays"), Texts.of(lang, "dates"), Texts.of(lang, "window"),
                Texts.of(lang, "slide-seconds"), Texts.of(lang, "items"), "").close("thead").open("tbody");
        for (SignageDesk.Draft d : desk.drafts()) {
            h.open("tr").element("td", d.id()).element("td", d.priority()).element("td", String.join(",", d.targets()))
                    .element("td", String.join(",", d.weekdays()))
                    .element("td", nz(d.from()) + " – " + nz(d.to())).element("td", nz(d.start()) + " – " + nz(d.end()))
                    .element("td", d.slideSeconds()).element("td", d.items().size())
                    .open("td").open("form", "method", "post", "action", "/signage/playlists/" + d.id() + "/remove")
                    .csrf(s.csrf()).element("button", Texts.of(lang, "remove"), "type", "submit").close("form")
                    .close("td").close("tr");
        }
        h.close("tbody").close("table");
        h.open("form", "method", "post", "action", "/signage/submit").csrf(s.csrf())
                .element("button", Texts.of(lang, "submit"), "type", "submit", "id", "submit").close("form");

        // Approvals
        h.element("h2", Texts.of(lang, "approvals"));
        h.open("table", "id", "revisions").open("thead").headerRow("#", Texts.of(lang, "state"), "→", "✓", "")
                .close("thead").open("tbody");
        for (SignageDesk.Revision r : desk.revisions()) {
            h.open("tr", "id", "revision-" + r.revision()).element("td", r.revision()).element("td", r.state())
                    .element("td", r.submittedBy() + " " + r.submittedAt())
                    .element("td", r.decidedBy() == null ? "" : r.decidedBy() + " " + r.decidedAt()).open("td");
            if (approver && r.state().equals("pending")) {
                h.open("form", "method", "post", "action", "/signage/revisions/" + r.revision() + "/approve", "class",
                        "inline").csrf(s.csrf()).element("button", Texts.of(lang, "approve"), "type", "submit", "id",
                        "approve-" + r.revision()).close("form");
                h.open("form", "method", "post", "action", "/signage/revisions/" + r.revision() + "/reject", "class",
                        "inline").csrf(s.csrf()).element("button", Texts.of(lang, "reject"), "type", "submit", "id",
                        "reject-" + r.revision()).close("form");
            }
            h.close("td").close("tr");
        }
        h.close("tbody").close("table");

        // Proof of play
        h.element("h2", Texts.of(lang, "proof-of-play"));
        h.open("table", "id", "proof").open("thead").headerRow(Texts.of(lang, "device"), Texts.of(lang, "time"), "")
                .close("thead").open("tbody");
        for (ProofOfPlay.Played p : plays.newest(hallDisplays, 100)) {
            h.row(p.device(), p.at(), p.body());
        }
        h.close("tbody").close("table");
        ctx.html(Layout.page(lang, dir.get().branchName(), Texts.of(lang, "hall-media"), s, h));
    }

    // ---------------------------------------------------------------- form fields

    private static void field(Html h, String label, String name, String id) {
        h.open("label").text(label + " ").empty("input", "type", "text", "name", name, "id", id, "maxlength", "500")
                .close("label");
    }

    private static SignageDesk.Draft draft(Context ctx) {
        List<String> items = ctx.formParams("item");
        if (items.size() > SignageSchedule.MAX_ITEMS) {
            throw new IllegalArgumentException("at most " + SignageSchedule.MAX_ITEMS + " items in a playlist");
        }
        items.forEach(SignageRoutes::bounded);
        items = items.stream().map(ref -> withTimes(ctx, ref)).toList();
        return new SignageDesk.Draft(id(ctx.formParam("id")), number(ctx.formParam("priority"), 0, 0, 1000, "priority"),
                list(ctx.formParam("targets")), list(ctx.formParam("weekdays")).stream()
                        .map(w -> w.toUpperCase(java.util.Locale.ROOT)).toList(),
                blank(ctx.formParam("from")), blank(ctx.formParam("to")), blank(ctx.formParam("start")),
                blank(ctx.formParam("end")), number(ctx.formParam("slide"), 8, 1, 3600, "seconds per image"), items);
    }

    /** {@code image:<sha>} → {@code image:<sha>:<seconds>}, a video's also {@code :<volume>}, from the row's fields. */
    private static String withTimes(Context ctx, String ref) {
        if (ref.startsWith("notice:")) {
            return ref;
        }
        int seconds = number(ctx.formParam("seconds:" + ref), 0, 0, SignageSchedule.Item.MAX_SECONDS,
                "seconds of an image or video (0 or empty: the playlist's)");
        if (!ref.startsWith("video:")) {
            return ref + ":" + seconds;
        }
        return ref + ":" + seconds + ":" + number(ctx.formParam("volume:" + ref), 0, 0, 100, "a video's volume");
    }

    private static long revision(Context ctx) {
        try {
            return Long.parseLong(bounded(ctx.pathParam("rev")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no such revision");
        }
    }

    private static String id(String v) {
        if (v == null || !v.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("an id is 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        return v;
    }

    private static int number(String v, int otherwise, int min, int max, String what) {
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(bounded(v).strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(what + " must be a whole number from " + min + " to " + max);
    }

    private static List<String> list(String v) {
        String b = blank(v);
        return b == null ? List.of() : Arrays.stream(b.split("[,\\s]+")).filter(x -> !x.isEmpty()).toList();
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : bounded(v).strip();
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }

    private static String bounded(String v) {
        if (v != null && v.length() > 500) {
            throw new IllegalArgumentException("a field is longer than 500 characters");
        }
        return v;
    }
}
