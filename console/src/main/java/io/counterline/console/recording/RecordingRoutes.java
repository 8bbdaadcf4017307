package io.counterline.console.recording;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.LoginThrottle;
import io.counterline.console.auth.Sessions;
import io.counterline.console.auth.User;
import io.counterline.console.web.ConsoleRoutes;
import io.counterline.console.web.ConsoleServer;
import io.counterline.console.web.Html;
import io.counterline.console.web.Layout;
import io.counterline.console.web.RangedFile;
import io.counterline.protocol.RatingLevel;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The recordings' HTTP side: the counter callers' segment uploads ({@code HEAD|PATCH
 * /recordings/upload/{segment}}) and live audio ({@code /recordings/live/in}), authenticated as the
 * device (HTTP Basic: device id and its MQTT secret), without a console session; and the pages:
 * search, play (HTTP Range), download, legal holds, retention, live listening. Playing, downloading,
 * holding, purging and every live session are audited.
 */
final class RecordingRoutes implements ConsoleRoutes {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecordingRoutes.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String UPLOAD = "/recordings/upload/";
    private static final String LIVE_IN = "/recordings/live/in";
    private static final String DEVICE_COUNTER = "recording.device-counter";
    private static final String DEVICE = "recording.device";
    private static final String LISTENER = "recording.listener";

    private final RecordingStore store;
    private final SegmentUploads uploads;
    private final Retention retention;
    private final LiveHub live;
    private final RecordingHost host;
    private final AuditLog audit;
    private final Supplier<BranchDirectory> directory;
    private final BiFunction<User, Long, Optional<String>> orderTicket;
    private final Path root;
    private final Clock clock;
    private final LoginThrottle throttle;

    RecordingRoutes(RecordingStore store, SegmentUploads uploads, Retention retention, LiveHub live, RecordingHost host,
                    AuditLog audit, Supplier<BranchDirectory> directory,
                    BiFunction<User, Long, Optional<String>> orderTicket, Path root, Clock clock) {
        this.store = store;
        this.uploads = uploads;
        this.retention = retention;
        this.live = live;
        this.host = host;
        this.audit = audit;
        this.directory = directory;
        this.orderTicket = orderTicket;
        this.root = root;
        this.clock = clock;
        this.throttle = new LoginThrottle(clock);
    }

    @Override
    public boolean open(String path) {
        return path.startsWith(UPLOAD) || path.equals(LIVE_IN);
    }

    @Override
    public void register(RoutesConfig routes, ReportOutput output) {
        routes.head(UPLOAD + "{segment}", this::offset);
        routes.patch(UPLOAD + "{segment}", this::append);
        routes.get("/recordings", this::search);
        routes.post("/recordings/retention", this::setRetention);
        routes.post("/recordings/purge", this::purge);
        routes.get("/recordings/live", this::livePage);
        routes.get("/recordings/live.js", RecordingRoutes::liveScript);
        routes.get("/recordings/voice-notes/{order}", this::voiceNote);
        routes.get("/recordings/{id}", this::player);
        routes.get("/recordings/{id}/audio", ctx -> audio(ctx, false));
        routes.get("/recordings/{id}/download", ctx -> audio(ctx, true));
        routes.post("/recordings/{id}/hold", ctx -> hold(ctx, true));
        routes.post("/recordings/{id}/release", ctx -> hold(ctx, false));
        routes.wsBeforeUpgrade("/recordings/live/{counter}", this::liveAllowed);
        routes.ws("/recordings/live/{counter}", ws -> {
            ws.onConnect(this::liveConnect);
            ws.onBinaryMessage(ctx -> {
                String counter = ctx.attribute(DEVICE_COUNTER);
                if (counter != null) {
                    live.frame(counter, ctx.data());
                }
            });
            ws.onClose(this::liveClose);
            ws.onError(this::liveClose);
        });
        routes.exception(NotAllowed.class, (e, ctx) -> {
            Sessions.Current s = ConsoleServer.signedIn(ctx);
            audit.record(s.user().login(), ctx.ip(), "forbidden", ctx.method().name() + " " + ctx.path());
            ctx.status(HttpStatus.FORBIDDEN).html(Layout.message(s.user().language(), directory.get().branchName(), s,
                    "403 Forbidden", e.getMessage()));
        });
    }

    // ---------------------------------------------------------------- the devices' side

    /** The outcome of a device's Basic credentials: the device and its counter, or why not. */
    private record DeviceAuth(String device, String counter, boolean throttled) {
        boolean ok() {
            return counter != null;
        }
    }

    /**
     * Checks the request's Basic credentials against the counter callers' secrets. Failures are
     * throttled per claimed device id and per address, like console sign-ins; a success clears
     * the device's count.
     */
    private DeviceAuth device(String authorization, String ip) {
        String device = "-";
        String secret = null;
        if (authorization != null && authorization.length() < 400 && authorization.startsWith("Basic ")) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0 && colon <= 64) {
                    device = pair.substring(0, colon);
                    secret = pair.substring(colon + 1);
                }
            } catch (IllegalArgumentException e) {
                // not Base64: refused below like a wrong secret
            }
        }
        if (!throttle.wait(device, ip).isZero()) {
            return new DeviceAuth(device, null, true);
        }
        Optional<String> counter = secret == null ? Optional.empty() : host.callerCounter(device, secret);
        if (counter.isEmpty()) {
            throttle.failed(device, ip);
            return new DeviceAuth(device, null, false);
        }
        throttle.succeeded(device);
        return new DeviceAuth(device, counter.get(), false);
    }

    private Optional<DeviceAuth> deviceOrRefuse(Context ctx) {
        DeviceAuth d = device(ctx.header("Authorization"), ctx.ip());
        if (d.throttled()) {
            ctx.header("Retry-After", "60").status(HttpStatus.TOO_MANY_REQUESTS)
                    .result("too many failed attempts; wait before trying again");
        } else if (!d.ok()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"counterline recordings\"").status(HttpStatus.UNAUTHORIZED)
                    .result("a counter caller's id and secret are needed");
        }
        return d.ok() ? Optional.of(d) : Optional.empty();
    }

    private void offset(Context ctx) throws SQLException, IOException {
        ctx.header("Cache-Control", "no-store");
        Optional<DeviceAuth> d = deviceOrRefuse(ctx);
        if (d.isPresent()) {
            answer(ctx, guarded(() -> uploads.offset(d.get().device(), d.get().counter(), ctx.pathParam("segment"))));
        }
    }

    private void append(Context ctx) throws SQLException, IOException {
        ctx.header("Cache-Control", "no-store");
        Optional<DeviceAuth> d = deviceOrRefuse(ctx);
        if (d.isEmpty()) {
            return;
        }
        long chunk = ctx.req().getContentLengthLong();
        if (chunk > SegmentUploads.MAX_CHUNK) {
            ctx.header("Connection", "close").status(HttpStatus.CONTENT_TOO_LARGE)
                    .result("a chunk is at most " + SegmentUploads.MAX_CHUNK + " bytes");
            return;
        }
        long offset = number(ctx.header("Upload-Offset"));
        long length = number(ctx.header("Upload-Length"));
        if (offset < 0 || length < 0) {
            ctx.status(HttpStatus.BAD_REQUEST).result("Upload-Offset and Upload-Length must be whole numbers");
            return;
        }
        InputStream body = ctx.req().getInputStream();
        try {
            answer(ctx, guarded(() -> uploads.append(d.get().device(), d.get().counter(), ctx.pathParam("segment"), offset, length,
                    ctx.header("Recording-Sha256"), chunk, body)));
        } catch (org.eclipse.jetty.io.EofException e) {
            // What arrived is staged; the device asks HEAD for the offset and resumes there.
            log.info("recording: upload of {} from {} cut mid-chunk ({}); kept what arrived", ctx.pathParam("segment"),
                    d.get().device(), e.getMessage());
        }
    }

    private interface Upload {
        SegmentUploads.Outcome run() throws SQLException, IOException;
    }

    private static SegmentUploads.Outcome guarded(Upload u) throws SQLException, IOException {
        try {
            return u.run();
        } catch (IllegalArgumentException e) {
            return new SegmentUploads.Outcome.Bad(e.getMessage());
        }
    }

    private static void answer(Context ctx, SegmentUploads.Outcome o) {
        if (o instanceof SegmentUploads.Outcome.Progress p) {
            ctx.header("Upload-Offset", Long.toString(p.offset()));
            if (p.complete()) {
                ctx.header("Upload-Complete", "?1");
            }
            ctx.status("HEAD".equals(ctx.method().name()) ? HttpStatus.OK
                    : p.complete() ? HttpStatus.CREATED : HttpStatus.NO_CONTENT);
        } else if (o instanceof SegmentUploads.Outcome.Conflict c) {
            ctx.header("Upload-Offset", Long.toString(c.offset())).status(HttpStatus.CONFLICT)
                    .result("resume at " + c.offset());
        } else if (o instanceof SegmentUploads.Outcome.Forbidden f) {
            ctx.status(HttpStatus.FORBIDDEN).result(f.why());
        } else if (o instanceof SegmentUploads.Outcome.Mismatch m) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).result(m.why());
        } else {
            ctx.status(HttpStatus.BAD_REQUEST).result(((SegmentUploads.Outcome.Bad) o).why());
        }
    }

    private static long number(String v) {
        if (v == null || !v.matches("\\d{1,12}")) {
            return -1;
        }
        return Long.parseLong(v);
    }

    // ---------------------------------------------------------------- live

    private void liveConnect(WsContext ctx) {
        String counter = ctx.pathParam("counter");
        if (counter.equals("in")) {
            DeviceAuth d = device(ctx.header("Authorization"), ip(ctx));
            if (!d.ok()) {
                ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "a counter caller's id and secret are needed");
                return;
            }
            ctx.attribute(DEVICE, d.device());
            ctx.attribute(DEVICE_COUNTER, d.counter());
            ctx.session.setMaxBinaryMessageSize(LiveHub.MAX_FRAME);
            return;
        }
        // The HTTP guard and liveAllowed() ran on the upgrade request: signed in, role and scope checked.
        Sessions.Current s = ctx.attribute(ConsoleServer.SESSION_ATTRIBUTE);
        if (s == null || !mayListen(s.user(), counter)) {
            ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "not allowed");
            return;
        }
        if (!live.listen(counter, ctx)) {
            ctx.closeSession(WsCloseStatus.TRY_AGAIN_LATER, "too many listeners");
            return;
        }
        ctx.attribute(LISTENER, new String[] {s.user().login(), counter, ip(ctx)});
        audit.record(s.user().login(), ip(ctx), "recording.live.start", counter);
        ctx.enableAutomaticPings(15, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void liveClose(WsContext ctx) {
        String[] listener = ctx.attribute(LISTENER);
        if (listener != null) {
            ctx.attribute(LISTENER, null);
            live.leave(listener[1], ctx);
            audit.record(listener[0], listener[2], "recording.live.stop", listener[1]);
        }
    }

    private static String ip(WsContext ctx) {
        String a = String.valueOf(ctx.session.getRemoteSocketAddress());
        return a.startsWith("/") ? a.substring(1, a.lastIndexOf(':') > 0 ? a.lastIndexOf(':') : a.length()) : a;
    }

    private boolean mayListen(User u, String counter) {
        return u.role().listensLive() && u.scope().coversCounter(counter) && directory.get().counters().stream()
                .anyMatch(c -> c.id().equals(counter));
    }

    /** Before the upgrade of a browser's live socket: answered 403 (and audited) when not allowed. */
    void liveAllowed(Context ctx) {
        String counter = ctx.pathParam("counter");
        if (!counter.equals("in") && !mayListen(ConsoleServer.signedIn(ctx).user(), counter)) {
            throw new NotAllowed("counter " + counter + " is not yours to listen to");
        }
    }

    private void livePage(Context ctx) {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        String counter = ConsoleServer.idParam(ctx, "counter");
        if (counter == null || !mayListen(s.user(), counter)) {
            throw new NotAllowed("counter " + counter + " is not yours to listen to");
        }
        String lang = s.user().language();
        Html h = new Html();
        h.open("p").text(directory.get().counterName(counter) + " · ")
                .element("span", RecordingTexts.of(lang, "live-off"), "id", "live-state").close("p");
        h.open("p").element("button", RecordingTexts.of(lang, "live-start"), "type", "button", "id", "live-start",
                        "data-counter", counter)
                .element("button", RecordingTexts.of(lang, "live-stop"), "type", "button", "id", "live-stop")
                .close("p");
        h.element("p", "", "id", "live-delay", "class", "muted");
        ctx.html(Layout.page(lang, directory.get().branchName(), RecordingTexts.of(lang, "live"), s, h,
                "/recordings/live.js"));
    }

    private static void liveScript(Context ctx) throws IOException {
        try (InputStream in = RecordingRoutes.class.getClassLoader().getResourceAsStream("console-assets/live.js")) {
            ctx.header("Cache-Control", "max-age=300");
            ctx.contentType("text/javascript; charset=utf-8").result(in.readAllBytes());
        }
    }

    // ---------------------------------------------------------------- search and play

    private Sessions.Current player(Context ctx, boolean allowed) {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        if (!allowed) {
            throw new NotAllowed(RecordingTexts.of(s.user().language(), "not-allowed"));
        }
        return s;
    }

    private void search(Context ctx) throws SQLException, IOException {
        Sessions.Current s = player(ctx, ConsoleServer.signedIn(ctx).user().role().playsRecordings());
        User u = s.user();
        String lang = u.language();
        ZoneId zone = directory.get().zone();
        LocalDate from = ConsoleServer.date(ctx, "from", null);
        LocalDate to = ConsoleServer.date(ctx, "to", null);
        String rating = ctx.queryParam("rating") == null || ctx.queryParam("rating").isBlank() ? null
                : RatingLevel.of(bounded(ctx.queryParam("rating"))).wire();
        Long order = ConsoleServer.idParam(ctx, "order") == null ? null
                : Long.parseLong(requireDigits(ctx.queryParam("order")));
        RecordingStore.Filter base = new RecordingStore.Filter(ConsoleServer.idParam(ctx, "ticket"),
                ConsoleServer.idParam(ctx, "teller"), ConsoleServer.idParam(ctx, "counter"),
                from == null ? null : from.atStartOfDay(zone).toInstant().toEpochMilli(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(), rating,
                ConsoleServer.idParam(ctx, "ticketId"), null);
        Map<String, RecordingStore.Recording> found = new LinkedHashMap<>();
        if (order != null) {
            Optional<String> ticket;
            try {
                ticket = orderTicket.apply(u, order);
            } catch (RuntimeException e) {
                throw new NotAllowed("work order " + order + " is not in your scope");
            }
            if (ticket.isPresent() && ticket.get().matches("[A-Za-z0-9._-]{1,64}")) {
                // A work order names a ticket by its id, or by its number when typed in by hand.
                RecordingStore.Filter byTicket = ticket.get().contains("-") ? with(base, ticket.get(), null)
                        : new RecordingStore.Filter(ticket.get(), base.teller(), base.counter(), base.from(), base.to(),
                                base.rating(), base.ticket(), null);
                store.search(byTicket, 200).forEach(r -> found.put(r.id(), r));
            }
            store.search(with(base, base.ticket(), order), 200).forEach(r -> found.put(r.id(), r));
        } else {
            store.search(base, 200).forEach(r -> found.put(r.id(), r));
        }
        List<RecordingStore.Recording> visible = found.values().stream()
                .filter(r -> u.scope().coversCounter(r.counter())).toList();
        audit.record(u.login(), ctx.ip(), "recording.search", Optional.ofNullable(ctx.queryString()).orElse(""));

        Html h = new Html();
        h.open("form", "method", "get", "action", "/recordings", "class", "filters");
        field(h, RecordingTexts.of(lang, "ticket"), "ticket", ctx);
        field(h, RecordingTexts.of(lang, "teller"), "teller", ctx);
        field(h, RecordingTexts.of(lang, "counter"), "counter", ctx);
        field(h, RecordingTexts.of(lang, "from"), "from", ctx);
        field(h, RecordingTexts.of(lang, "to"), "to", ctx);
        h.open("label").text(RecordingTexts.of(lang, "rating") + " ").open("select", "name", "rating", "id", "rating")
                .element("option", "–", "value", "");
        for (RatingLevel l : RatingLevel.values()) {
            if (l.wire().equals(rating)) {
                h.element("option", l.wire(), "value", l.wire(), "selected", "selected");
            } else {
                h.element("option", l.wire(), "value", l.wire());
            }
        }
        h.close("select").close("label");
        field(h, RecordingTexts.of(lang, "order"), "order", ctx);
        h.element("button", RecordingTexts.of(lang, "search"), "type", "submit", "id", "search").close("form");

        h.open("table", "id", "recordings").open("thead").headerRow(RecordingTexts.of(lang, "time"),
                RecordingTexts.of(lang, "ticket"), RecordingTexts.of(lang, "counter"), RecordingTexts.of(lang, "teller"),
                RecordingTexts.of(lang, "duration"), RecordingTexts.of(lang, "rating"), RecordingTexts.of(lang, "holds"),
                RecordingTexts.of(lang, "state"), "").close("thead").open("tbody");
        for (RecordingStore.Recording r : visible) {
            h.open("tr", "id", "recording-" + r.id()).element("td", STAMP.format(r.startedAt().atZone(zone)))
                    .element("td", r.ticketNumber()).element("td", directory.get().counterName(r.counter()))
                    .element("td", r.teller() == null ? "" : directory.get().tellerName(r.teller()))
                    .element("td", seconds(r.durationMs())).element("td", r.rating() == null ? "" : r.rating())
                    .element("td", String.join(", ", r.holds().stream().map(o -> "#" + o).toList()))
                    .element("td", RecordingTexts.of(lang, r.state())).open("td");
            if (r.stored()) {
                h.element("a", RecordingTexts.of(lang, "play"), "href", "/recordings/" + r.id(), "class", "play");
            }
            h.close("td").close("tr");
        }
        h.close("tbody").close("table");

        if (u.role().listensLive()) {
            h.element("h2", RecordingTexts.of(lang, "live"));
            h.open("p", "id", "live-counters");
            directory.get().counters().stream().filter(c -> u.scope().coversCounter(c.id())).forEach(c ->
                    h.element("a", c.name(), "href", "/recordings/live?counter=" + c.id(), "class", "live-link").text(" "));
            h.close("p");
        }

        Retention.Storage st = retention.storage();
        h.element("h2", RecordingTexts.of(lang, "storage"));
        h.open("table", "id", "storage", "class", "fields").open("tbody")
                .row(RecordingTexts.of(lang, "stored"), st.recordings() + " · " + megabytes(st.storedBytes()))
                .row(RecordingTexts.of(lang, "rate"), megabytes(st.bytesPerDay()) + " / " + RecordingTexts.of(lang, "day"))
                .row(RecordingTexts.of(lang, "retention"), st.retentionDays() + " " + RecordingTexts.of(lang, "days")
                        + " ≈ " + megabytes(st.steadyBytes()))
                .open("tr").element("td", RecordingTexts.of(lang, "disk-days"))
                .element("td", st.daysOfDisk() < 0 ? "–" : st.daysOfDisk() + " " + RecordingTexts.of(lang, "days") + " ("
                        + megabytes(st.usableBytes()) + ")", "id", "disk-days").close("tr")
                .close("tbody").close("table");
        if (u.role().administers()) {
            h.open("form", "method", "post", "action", "/recordings/retention", "class", "filters").csrf(s.csrf())
                    .open("label").text(RecordingTexts.of(lang, "retention") + " ")
                    .empty("input", "name", "days", "id", "retention-days", "value", Integer.toString(st.retentionDays()),
                            "maxlength", "4").close("label")
                    .element("button", RecordingTexts.of(lang, "save"), "type", "submit", "id", "save-retention")
                    .close("form");
            h.open("form", "method", "post", "action", "/recordings/purge", "class", "filters").csrf(s.csrf())
                    .element("button", RecordingTexts.of(lang, "purge"), "type", "submit", "id", "purge").close("form");
        }
        ctx.html(Layout.page(lang, directory.get().branchName(), RecordingTexts.of(lang, "recordings"), s, h));
    }

    private static RecordingStore.Filter with(RecordingStore.Filter f, String ticket, Long order) {
        return new RecordingStore.Filter(f.ticketNumber(), f.teller(), f.counter(), f.from(), f.to(), f.rating(), ticket,
                order);
    }

    private RecordingStore.Recording recording(Context ctx, User u) throws SQLException {
        String id = ctx.pathParam("id");
        Optional<RecordingStore.Recording> r = id.matches("[0-9a-f-]{36}") ? store.find(id) : Optional.empty();
        if (r.isEmpty() || r.get().state().equals("purged")) {
            throw new NotFound();
        }
        if (!u.scope().coversCounter(r.get().counter())) {
            throw new NotAllowed("counter " + r.get().counter() + " is not in your scope");
        }
        return r.get();
    }

    private void player(Context ctx) throws SQLException {
        Sessions.Current s = player(ctx, ConsoleServer.signedIn(ctx).user().role().playsRecordings());
        User u = s.user();
        String lang = u.language();
        RecordingStore.Recording r;
        try {
            r = recording(ctx, u);
        } catch (NotFound e) {
            ctx.status(HttpStatus.NOT_FOUND).html(Layout.message(lang, directory.get().branchName(), s, "404",
                    RecordingTexts.of(lang, "no-recording")));
            return;
        }
        ZoneId zone = directory.get().zone();
        Html h = new Html();
        h.open("table", "id", "recording", "class", "fields").open("tbody")
                .row(RecordingTexts.of(lang, "time"), STAMP.format(r.startedAt().atZone(zone)))
                .row(RecordingTexts.of(lang, "ticket"), r.ticket())
                .row(RecordingTexts.of(lang, "counter"), directory.get().counterName(r.counter()))
                .row(RecordingTexts.of(lang, "teller"), r.teller() == null ? "" : directory.get().tellerName(r.teller()))
                .row(RecordingTexts.of(lang, "duration"), seconds(r.durationMs()))
                .row(RecordingTexts.of(lang, "rating"), r.rating() == null ? "" : r.rating())
                .row(RecordingTexts.of(lang, "holds"), String.join(", ", r.holds().stream().map(o -> "#" + o).toList()))
                .row("SHA-256", r.sha256() == null ? "" : r.sha256())
                .close("tbody").close("table");
        if (r.stored()) {
            h.open("audio", "id", "player", "controls", "controls", "preload", "metadata", "src",
                    "/recordings/" + r.id() + "/audio").close("audio");
            h.element("p", RecordingTexts.of(lang, "channels"), "class", "muted");
            if (u.role().downloadsRecordings()) {
                h.open("p").element("a", RecordingTexts.of(lang, "download"), "href", "/recordings/" + r.id() + "/download",
                        "id", "download").close("p");
            }
        } else {
            h.element("p", RecordingTexts.of(lang, r.state()) + (r.error() == null ? "" : ": " + r.error()), "class",
                    "error");
        }
        if (u.role().holdsRecordings()) {
            h.open("form", "method", "post", "action", "/recordings/" + r.id() + "/hold", "class", "filters")
                    .csrf(s.csrf()).open("label").text(RecordingTexts.of(lang, "order") + " #")
                    .empty("input", "name", "order", "id", "hold-order", "maxlength", "12").close("label")
                    .element("button", RecordingTexts.of(lang, "hold"), "type", "submit", "id", "hold")
                    .element("button", RecordingTexts.of(lang, "release"), "type", "submit", "id", "release",
                            "formaction", "/recordings/" + r.id() + "/release")
                    .close("form");
        }
        ctx.html(Layout.page(lang, directory.get().branchName(), RecordingTexts.of(lang, "recording") + " "
                + r.ticketNumber(), s, h));
    }

    private void audio(Context ctx, boolean download) throws SQLException, IOException {
        User u = ConsoleServer.signedIn(ctx).user();
        player(ctx, download ? u.role().downloadsRecordings() : u.role().playsRecordings());
        RecordingStore.Recording r;
        try {
            r = recording(ctx, u);
        } catch (NotFound e) {
            ctx.status(HttpStatus.NOT_FOUND).result("no such recording");
            return;
        }
        Path file = r.file() == null ? null : root.resolve(r.file());
        if (file == null || !Files.isRegularFile(file)) {
            ctx.status(HttpStatus.NOT_FOUND).result("not stored (yet)");
            return;
        }
        String range = ctx.header("Range");
        // A play starts at byte 0 (Chromium asks "bytes=0-" first); seeking asks later ranges of the same play.
        if (download) {
            audit.record(u.login(), ctx.ip(), "recording.download", r.id() + " ticket " + r.ticket());
            ctx.header("Content-Disposition", "attachment; filename=\"" + r.ticket() + ".opus\"");
        } else if (range == null || range.startsWith("bytes=0-")) {
            audit.record(u.login(), ctx.ip(), "recording.play", r.id() + " ticket " + r.ticket());
        }
        ctx.header("Cache-Control", "private, no-store");
        RangedFile.send(ctx, file, "audio/ogg");
    }

    /**
     * A work order's dictated note: for whoever may see the order (not the recordings' roles: the
     * note belongs to the order), served with Range like every recording; each play audited.
     */
    private void voiceNote(Context ctx) throws SQLException, IOException {
        User u = ConsoleServer.signedIn(ctx).user();
        long order = Long.parseLong(requireDigits(ctx.pathParam("order")));
        try {
            orderTicket.apply(u, order);
        } catch (RuntimeException e) {
            throw new NotAllowed("work order " + order + " is not in your scope");
        }
        Optional<RecordingStore.Recording> r = store.voiceNote(order);
        Path file = r.isEmpty() || r.get().file() == null || !"stored".equals(r.get().state()) ? null
                : root.resolve(r.get().file());
        if (file == null || !Files.isRegularFile(file)) {
            ctx.status(HttpStatus.NOT_FOUND).result("not stored (yet)");
            return;
        }
        String range = ctx.header("Range");
        if (range == null || range.startsWith("bytes=0-")) {
            audit.record(u.login(), ctx.ip(), "order.voice-note.play", "work-order " + order + " recording "
                    + r.get().id());
        }
        ctx.header("Cache-Control", "private, no-store");
        RangedFile.send(ctx, file, "audio/ogg");
    }

    private void hold(Context ctx, boolean on) throws SQLException {
        Sessions.Current s = player(ctx, ConsoleServer.signedIn(ctx).user().role().holdsRecordings());
        RecordingStore.Recording r = recording(ctx, s.user());
        long order = Long.parseLong(requireDigits(ctx.formParam("order")));
        try {
            orderTicket.apply(s.user(), order);
        } catch (RuntimeException e) {
            throw new NotAllowed("work order " + order + " is not in your scope");
        }
        if (on) {
            store.hold(r.id(), order, s.user().login(), clock.instant());
        } else {
            store.release(r.id(), order);
        }
        audit.record(s.user().login(), ctx.ip(), on ? "recording.hold" : "recording.release", r.id() + " ticket "
                + r.ticket() + " work order " + order);
        ctx.redirect("/recordings/" + r.id(), HttpStatus.SEE_OTHER);
    }

    private void setRetention(Context ctx) throws SQLException {
        Sessions.Current s = player(ctx, ConsoleServer.signedIn(ctx).user().role().administers());
        retention.setDays(s.user().login(), ctx.ip(), (int) Long.parseLong(requireDigits(ctx.formParam("days"))));
        ctx.redirect("/recordings", HttpStatus.SEE_OTHER);
    }

    private void purge(Context ctx) throws SQLException, IOException {
        Sessions.Current s = player(ctx, ConsoleServer.signedIn(ctx).user().role().administers());
        retention.purge(s.user().login(), ctx.ip());
        ctx.redirect("/recordings", HttpStatus.SEE_OTHER);
    }

    // ---------------------------------------------------------------- helpers

    private static void field(Html h, String label, String name, Context ctx) {
        String v = ctx.queryParam(name);
        h.open("label").text(label + " ").empty("input", "name", name, "id", "q-" + name, "maxlength", "64", "value",
                v == null ? "" : bounded(v)).close("label");
    }

    private static String requireDigits(String v) {
        if (v == null || !v.strip().matches("\\d{1,12}")) {
            throw new IllegalArgumentException("a number is expected");
        }
        return v.strip();
    }

    private static String bounded(String v) {
        if (v.length() > 64) {
            throw new IllegalArgumentException("a field is longer than 64 characters");
        }
        return v;
    }

    private static String seconds(long ms) {
        Duration d = Duration.ofMillis(ms);
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1_000_000.0);
    }

    /** Refused: the user's role or scope does not allow it (403, audited). */
    static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message);
        }
    }

    private static final class NotFound extends RuntimeException {
    }
}
