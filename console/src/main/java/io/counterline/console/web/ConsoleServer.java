package io.counterline.console.web;

import io.counterline.console.BranchDirectory;
import io.counterline.console.ConsoleSettings;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.LoginThrottle;
import io.counterline.console.auth.Passwords;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.Sessions;
import io.counterline.console.auth.User;
import io.counterline.console.export.ReportExports;
import io.counterline.console.monitor.MonitorEvent;
import io.counterline.console.monitor.MonitorFeed;
import io.counterline.console.report.BranchHistory;
import io.counterline.console.report.ClosedPeriodCache;
import io.counterline.console.report.PeriodReport;
import io.counterline.console.report.Rankings;
import io.counterline.console.report.ReportQuery;
import io.counterline.console.report.ReportTables;
import io.counterline.console.signage.Signage;
import io.counterline.console.staff.Floor;
import io.counterline.console.staff.Staff;
import io.counterline.console.staff.TellerPhotos;
import io.counterline.console.store.ConsoleStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP side (Javalin on Jetty): every route, the session and CSRF checks in front
 * of them, and the security headers. Pages are server-rendered; the monitor page's small script
 * and the stylesheets are served from this jar (a branch has no internet).
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    static final String SESSION_COOKIE = "cl_session";
    static final String PRE_COOKIE = "cl_pre";
    private static final String CURRENT = "console.session";
    /** The request attribute holding the signed-in {@link Sessions.Current} (also on a WebSocket's upgrade). */
    public static final String SESSION_ATTRIBUTE = CURRENT;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Where the rating pads fetch tellers' photos: {@code /teller-photos/{sha256}}. */
    public static final String PAD_PHOTOS = "/teller-photos/";
    private static final Set<String> OPEN_PATHS = Set.of("/login", "/favicon.ico", "/assets/console.css", "/assets/monitor.js",
            "/assets/print-zh.css", "/assets/print-en.css");
    /** Checked when the user name is unknown, so that the answer takes as long as for a known one. */
    private static final String DUMMY_HASH = io.counterline.config.PinHash.hash("not-a-password", Passwords.ITERATIONS);

    private final ConsoleSettings settings;
    private final Supplier<BranchDirectory> directory;
    private final Staff staff;
    private final Floor floor;
    private final TellerPhotos photos;
    private final ConsoleStore store;
    private final Sessions sessions;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final ConsoleUsers users;
    private final BranchHistory history;
    private final MonitorFeed feed;
    private final Clock clock;
    private final ClosedPeriodCache closed;
    private final Javalin app;
    private final List<ConsoleRoutes> features;

    public ConsoleServer(ConsoleSettings settings, Staff staff, Floor floor, TellerPhotos photos, ConsoleStore store,
                         Passwords passwords, AuditLog audit, ConsoleUsers users, BranchHistory history,
                         MonitorFeed feed, Clock clock, Signage signage, ConsoleRoutes... features) {
        this.photos = photos;
        this.settings = settings;
        this.staff = staff;
        this.floor = floor;
        this.directory = () -> floor.named(staff.directory());
        this.store = store;
        this.sessions = new Sessions(store, clock);
        this.passwords = passwords;
        this.throttle = throttle(store, clock);
        this.audit = audit;
        this.users = users;
        this.history = history;
        this.feed = feed;
        this.clock = clock;
        this.closed = new ClosedPeriodCache(clock, () -> staff.directory().today(clock));
        this.features = List.of(features);
        SignageRoutes hallMedia = new SignageRoutes(signage.desk(), signage.plays(), signage.hallDisplays(), audit,
                staff::directory, this::require);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 64 * 1024;
            settings.keystore().ifPresent(ks -> config.jetty.addConnector((server, http) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStorePath(ks.toString());
                ssl.setKeyStorePassword(settings.keystorePassword());
                HttpConfiguration https = new HttpConfiguration(http);
                https.addCustomizer(new SecureRequestCustomizer());
                ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(https));
                c.setHost(settings.host());
                c.setPort(settings.port());
                return c;
            }));
            hallMedia.registerLimits(config);
            config.routes.before(this::guard);
            config.routes.wsBeforeUpgrade(this::guard); // a WebSocket's upgrade passes the same guard
            config.routes.get("/login", this::loginPage);
            config.routes.post("/login", this::login);
            config.routes.post("/logout", this::logout);
            config.routes.post("/language", this::language);
            java.util.Optional<String> home = java.util.Arrays.stream(features).map(ConsoleRoutes::home)
                    .flatMap(Optional::stream).findFirst();
            config.routes.get("/", ctx -> ctx.redirect(home.isPresent() ? home.get()
                    : current(ctx).user().role().seesBranchFigures() ? "/monitor"
                    : current(ctx).user().role().editsSignage() ? "/signage"
                    : current(ctx).user().role().maintainsDevices() ? "/fleet"
                    : "/tellers/" + current(ctx).user().teller().orElse("-")));
            config.routes.get("/monitor", this::monitorPage);
            config.routes.sse("/monitor/events", this::monitorStream);
            config.routes.get("/reports", ctx -> report(ctx, "page"));
            config.routes.get("/reports/print", ctx -> report(ctx, "print"));
            config.routes.get("/reports/export.pdf", ctx -> report(ctx, "pdf"));
            config.routes.get("/reports/export.csv", ctx -> report(ctx, "csv"));
            config.routes.get("/reports/export.xlsx", ctx -> report(ctx, "xlsx"));
            config.routes.get("/tellers/{teller}", ctx -> tellerReport(ctx, "page"));
            config.routes.get("/tellers/{teller}/print", ctx -> tellerReport(ctx, "print"));
            config.routes.get("/tellers/{teller}/export.pdf", ctx -> tellerReport(ctx, "pdf"));
            config.routes.get("/tellers/{teller}/export.csv", ctx -> tellerReport(ctx, "csv"));
            config.routes.get("/tellers/{teller}/export.xlsx", ctx -> tellerReport(ctx, "xlsx"));
            config.routes.get("/rankings", ctx -> rankings(ctx, "page"));
            config.routes.get("/rankings/print", ctx -> rankings(ctx, "print"));
            config.routes.get("/rankings/export.pdf", ctx -> rankings(ctx, "pdf"));
            config.routes.get("/rankings/export.csv", ctx -> rankings(ctx, "csv"));
            config.routes.get("/rankings/export.xlsx", ctx -> rankings(ctx, "xlsx"));
            config.routes.get("/audit", this::auditPage);
            config.routes.get("/admin/users", ctx -> usersPage(ctx, null));
            config.routes.post("/admin/users", this::addUser);
            config.routes.post("/admin/users/{id}/disable", this::disableUser);
            config.routes.post("/admin/users/{id}/password", this::resetPassword);
            config.routes.get("/admin/tellers", ctx -> tellersPage(ctx, null));
            config.routes.post("/admin/tellers", this::addTeller);
            config.routes.get("/admin/tellers/{id}/photo", this::tellerPhoto);
            config.routes.get(PAD_PHOTOS + "{sha256}", this::padPhoto);
            config.routes.post("/admin/tellers/{id}/{change}", this::changeTeller);
            config.routes.get("/admin/floor", ctx -> floorPage(ctx, null));
            config.routes.post("/admin/floor/{kind}/{id}/{change}", this::changeFloor);
            config.routes.post("/admin/floor/add-service", this::addService);
            config.routes.post("/admin/floor/add-counter", this::addCounter);
            for (ConsoleRoutes f : features) {
                f.register(config.routes, this::printOrExport);
            }
            hallMedia.register(config);
            config.routes.get("/favicon.ico", ctx -> ctx.status(HttpStatus.NO_CONTENT));
            config.routes.get("/assets/console.css", ctx -> asset(ctx, "console.css", "text/css"));
            config.routes.get("/assets/monitor.js", ctx -> asset(ctx, "monitor.js", "text/javascript"));
            config.routes.get("/assets/print-zh.css", ctx -> css(ctx, PrintLayout.css("zh")));
            config.routes.get("/assets/print-en.css", ctx -> css(ctx, PrintLayout.css("en")));
            config.routes.exception(Refused.class, (e, ctx) -> refuse(ctx, e.status, e.getMessage()));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> refuse(ctx, HttpStatus.BAD_REQUEST,
                    e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("console: {} {} failed", ctx.method(), ctx.path(), e);
                refuse(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the server log");
            });
        });
    }

    public ConsoleServer start() {
        if (settings.https()) {
            app.start(); // the HTTPS connector added in the config is the only one that listens
        } else {
            app.start(settings.host(), settings.port());
        }
        return this;
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return app.port();
    }

    public String url() {
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        return (settings.https() ? "https://" : "http://") + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        app.stop();
        throttle.close();
    }

    /** Login throttling kept in console.db (table login_throttle), so a restart does not reset it. */
    private static LoginThrottle throttle(ConsoleStore store, Clock clock) {
        try {
            return new LoginThrottle(clock, store.throttleKeeper());
        } catch (Exception e) {
            throw new IllegalStateException("console.db: login throttling not read: " + e.getMessage(), e);
        }
    }

    /** The branch as named now. */
    private BranchDirectory dir() {
        return directory.get();
    }

    // ---------------------------------------------------------------- the guard in front of every route

    private void guard(Context ctx) throws SQLException {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self';"
                + " img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (settings.https()) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (OPEN_PATHS.contains(ctx.path()) || SignageRoutes.open(ctx.path()) || ctx.path().startsWith(PAD_PHOTOS)
                || features.stream().anyMatch(f -> f.open(ctx.path()))) {
            return;
        }
        ctx.header("Cache-Control", "no-store");
        Optional<Sessions.Current> s = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (s.isEmpty()) {
            if ("GET".equals(ctx.method().name())) {
                ctx.redirect("/login");
                ctx.skipRemainingHandlers();
                return;
            }
            throw new Refused(HttpStatus.UNAUTHORIZED, "not signed in");
        }
        ctx.attribute(CURRENT, s.get());
        if (!"GET".equals(ctx.method().name()) && !"HEAD".equals(ctx.method().name())) {
            String token = ctx.formParam("csrf");
            if (!Sessions.same(token, s.get().csrf())) {
                audit.record(s.get().user().login(), ctx.ip(), "csrf.refused", ctx.method().name() + " " + ctx.path());
                throw new Refused(HttpStatus.FORBIDDEN, "the form's security token is missing or wrong; reload the page");
            }
        }
    }

    private static Sessions.Current current(Context ctx) {
        Sessions.Current s = ctx.attribute(CURRENT);
        if (s == null) {
            throw new Refused(HttpStatus.UNAUTHORIZED, "not signed in");
        }
        return s;
    }

    /** The signed-in user's session, for the routes a feature adds ({@link ConsoleRoutes}). */
    public static Sessions.Current signedIn(Context ctx) {
        return current(ctx);
    }

    private static String lang(Context ctx) {
        Sessions.Current s = ctx.attribute(CURRENT);
        return s == null ? "zh" : s.user().language();
    }

    private Sessions.Current require(Context ctx, boolean allowed) {
        Sessions.Current s = current(ctx);
        if (!allowed) {
            audit.record(s.user().login(), ctx.ip(), "forbidden", ctx.method().name() + " " + ctx.path());
            throw new Refused(HttpStatus.FORBIDDEN, Texts.of(s.user().language(), "forbidden"));
        }
        return s;
    }

    private void refuse(Context ctx, HttpStatus status, String text) {
        String lang = lang(ctx);
        ctx.status(status).html(Layout.message(lang, dir().branchName(), ctx.attribute(CURRENT),
                status.getCode() + " " + status.getMessage(), text));
    }

    // ---------------------------------------------------------------- sign-in

    private void loginPage(Context ctx) {
        loginForm(ctx, HttpStatus.OK, null);
    }

    private void loginForm(Context ctx, HttpStatus status, String error) {
        // Login CSRF: the form carries the same random value as a cookie that only this site can set.
        // Kept while the browser has one, so that a second tab or a redirected request does not
        // invalidate the form already shown.
        String pre = Optional.ofNullable(ctx.cookie(PRE_COOKIE)).filter(c -> c.matches("[A-Za-z0-9_-]{43}"))
                .orElseGet(Sessions::randomToken);
        ctx.header("Set-Cookie", cookie(PRE_COOKIE, pre, "/login", -1));
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).html(Layout.page("zh", dir().branchName(), Texts.of("zh", "login") + " / "
                + Texts.of("en", "login"), null, Pages.login("zh", pre, error)));
    }

    private void login(Context ctx) {
        if (!Sessions.same(ctx.formParam("csrf"), ctx.cookie(PRE_COOKIE))) {
            audit.record("-", ctx.ip(), "csrf.refused", "POST /login");
            throw new Refused(HttpStatus.FORBIDDEN, "the sign-in form has expired; reload it");
        }
        String login = bounded(ctx.formParam("login"), 64).trim().toLowerCase(java.util.Locale.ROOT);
        String password = bounded(ctx.formParam("password"), 200);
        String ip = ctx.ip();
        Duration wait = throttle.wait(login, ip);
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
            audit.record(login, ip, "login.throttled", login, null, "wait " + seconds + " s");
            ctx.header("Retry-After", Long.toString(seconds));
            loginForm(ctx, HttpStatus.TOO_MANY_REQUESTS, String.format(Texts.of("zh", "wait"), seconds) + " / "
                    + String.format(Texts.of("en", "wait"), seconds));
            return;
        }
        Optional<User> user;
        Optional<String> hash;
        try {
            user = store.userByLogin(login);
            hash = user.isPresent() ? store.passwordHash(user.get().id()) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("console store: " + e.getMessage(), e);
        }
        ctx.future(() -> passwords.verify(hash.orElse(DUMMY_HASH), password).thenAccept(ok -> {
            if (ok && user.isPresent() && hash.isPresent() && !user.get().disabled()) {
                throttle.succeeded(login);
                try {
                    sessions.removeExpired();
                    Sessions.Started s = sessions.start(user.get(), ip, Optional.ofNullable(ctx.cookie(SESSION_COOKIE)));
                    audit.record(login, ip, "login", login);
                    ctx.header("Set-Cookie", cookie(SESSION_COOKIE, s.token(), "/", -1));
                    ctx.redirect("/", HttpStatus.SEE_OTHER);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            } else {
                throttle.failed(login, ip);
                audit.record(login.isEmpty() ? "-" : login, ip, "login.failed", login);
                loginForm(ctx, HttpStatus.UNAUTHORIZED, Texts.of("zh", "bad-login") + " / " + Texts.of("en", "bad-login"));
            }
        }));
    }

    private void logout(Context ctx) throws SQLException {
        Sessions.Current s = current(ctx);
        sessions.end(s.tokenHash());
        audit.record(s.user().login(), ctx.ip(), "logout", s.user().login());
        ctx.header("Set-Cookie", cookie(SESSION_COOKIE, "", "/", 0));
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void language(Context ctx) throws SQLException {
        Sessions.Current s = current(ctx);
        users.setLanguage(s.user().login(), ctx.ip(), s.user(), ctx.formParam("language"));
        String back = Optional.ofNullable(ctx.header("Referer")).orElse("/");
        ctx.redirect(back.startsWith(url()) || back.startsWith("/") ? back : "/", HttpStatus.SEE_OTHER);
    }

    private String cookie(String name, String value, String path, int maxAge) {
        return name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict"
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + (settings.https() ? "; Secure" : "");
    }

    // ---------------------------------------------------------------- monitor

    private void monitorPage(Context ctx) {
        Sessions.Current s = require(ctx, current(ctx).user().role().seesBranchFigures());
        String lang = s.user().language();
        audit.record(s.user().login(), ctx.ip(), "monitor.view", s.user().scope().text());
        ctx.html(Layout.page(lang, dir().branchName(), Texts.of(lang, "monitor"), s, Pages.monitor(lang),
                "/assets/monitor.js"));
    }

    private void monitorStream(SseClient client) {
        Context ctx = client.ctx();
        Sessions.Current s = ctx.attribute(CURRENT);
        if (s == null || !s.user().role().seesBranchFigures()) {
            client.close();
            return;
        }
        client.keepAlive();
        Scope scope = s.user().scope();
        MonitorFeed.Subscriber sub = new MonitorFeed.Subscriber() {
            @Override
            public boolean send(MonitorEvent e) {
                if (client.terminated()) {
                    return false;
                }
                client.sendEvent(e.type(), e.json(), e.id());
                return !client.terminated();
            }

            @Override
            public boolean heartbeat() {
                if (client.terminated()) {
                    return false;
                }
                client.sendComment("hb");
                return !client.terminated();
            }

            @Override
            public Scope scope() {
                return scope;
            }

            @Override
            public void drop() {
                client.close();
            }
        };
        client.onClose(() -> feed.unsubscribe(sub));
        feed.subscribe(sub, Optional.ofNullable(ctx.header("Last-Event-ID")).filter(id -> id.length() <= 40));
    }

    // ---------------------------------------------------------------- reports

    private void report(Context ctx, String form) throws Exception {
        Sessions.Current s = require(ctx, current(ctx).user().role().seesBranchFigures());
        ReportQuery q = query(ctx, dir().today(clock));
        render(ctx, s, q, "/reports", Texts.of(s.user().language(), "reports"), form, true);
    }

    private void tellerReport(Context ctx, String form) throws Exception {
        String teller = ctx.pathParam("teller");
        Sessions.Current s = require(ctx, current(ctx).user().maySee(teller)
                && dir().tellers().stream().anyMatch(t -> t.id().equals(teller)));
        LocalDate today = dir().today(clock);
        ReportQuery base = query(ctx, today.withDayOfMonth(1));
        ReportQuery q = new ReportQuery(base.from(), ctx.queryParam("to") == null ? today : base.to(),
                Optional.of(teller), Optional.empty(), Optional.empty());
        render(ctx, s, q, "/tellers/" + teller, dir().tellerName(teller), form, false);
    }

    private ReportQuery query(Context ctx, LocalDate defaultFrom) {
        LocalDate today = dir().today(clock);
        return new ReportQuery(date(ctx, "from", defaultFrom), date(ctx, "to", today),
                Optional.ofNullable(idParam(ctx, "teller")), Optional.ofNullable(idParam(ctx, "counter")),
                Optional.ofNullable(idParam(ctx, "service")));
    }

    private void render(Context ctx, Sessions.Current s, ReportQuery q, String base, String title, String form,
                        boolean filters) throws Exception {
        String lang = s.user().language();
        // A teller's own page covers their tickets wherever they sat; everyone else sees their scope.
        Scope scope = s.user().role().seesBranchFigures() ? s.user().scope() : Scope.BRANCH;
        List<ReportTables.Table> tables = closed.get("report " + q + " " + scope.text() + " " + lang, q.to(),
                () -> ReportTables.of(PeriodReport.build(q, scope, dir().zone(), history.tickets(q.from(), q.to()),
                        history.ratings(q.from(), q.to())), dir(), lang));
        String what = base + " " + q.periodText() + q.teller().map(t -> " teller=" + t).orElse("")
                + q.counter().map(c -> " counter=" + c).orElse("") + q.service().map(v -> " service=" + v).orElse("");
        if (form.equals("page")) {
            audit.record(s.user().login(), ctx.ip(), "report.view", what);
            Html body = Pages.reportForm(lang, base, q, dir(), filters);
            String query = ctx.queryString() == null ? "" : ctx.queryString();
            ctx.html(Layout.page(lang, dir().branchName(), title, s,
                    body.append(Pages.exportLinks(lang, base, query)).append(Pages.tables(tables))));
        } else {
            printOrExport(ctx, s, form, title, q.periodText(), what, tables, "report-" + q.from() + "_" + q.to());
        }
    }

    /** The print layout or a download of {@code tables}, audited as a print or an export. */
    private void printOrExport(Context ctx, Sessions.Current s, String form, String title, String period, String what,
                               List<ReportTables.Table> tables, String file) throws Exception {
        String lang = s.user().language();
        String printedAt = STAMP.format(clock.instant().atZone(dir().zone()));
        String printedBy = s.user().name() + " (" + s.user().login() + ")";
        switch (form) {
            case "print" -> {
                audit.record(s.user().login(), ctx.ip(), "print", what);
                ctx.html(PrintLayout.document(lang, title, dir().branchName(), period, printedBy, printedAt, tables,
                        false));
            }
            case "pdf" -> {
                byte[] pdf = ReportExports.pdf(PrintLayout.document(lang, title, dir().branchName(), period,
                        printedBy, printedAt, tables, true), settings.pdfFont());
                audit.record(s.user().login(), ctx.ip(), "export", what + " pdf");
                download(ctx, "application/pdf", file + ".pdf", pdf);
            }
            case "csv" -> {
                byte[] csv = ReportExports.csv(tables);
                audit.record(s.user().login(), ctx.ip(), "export", what + " csv");
                download(ctx, "text/csv; charset=utf-8", file + ".csv", csv);
            }
            case "xlsx" -> {
                byte[] xlsx = ReportExports.xlsx(tables);
                audit.record(s.user().login(), ctx.ip(), "export", what + " xlsx");
                download(ctx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file + ".xlsx", xlsx);
            }
            default -> throw new IllegalArgumentException("unknown form " + form);
        }
    }

    private static void download(Context ctx, String type, String name, byte[] bytes) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.contentType(type).result(bytes);
    }

    private void rankings(Context ctx, String form) throws Exception {
        Sessions.Current s = require(ctx, current(ctx).user().role().seesBranchFigures());
        String lang = s.user().language();
        YearMonth month;
        try {
            month = ctx.queryParam("month") == null || ctx.queryParam("month").isBlank()
                    ? YearMonth.now(clock.withZone(dir().zone())) : YearMonth.parse(bounded(ctx.queryParam("month"), 7));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month must look like 2026-12");
        }
        Scope scope = s.user().scope();
        YearMonth m = month;
        Rankings r = closed.get("rankings " + month + " " + scope.text(), month.atEndOfMonth(), () -> Rankings.of(
                history.ratings(m.atDay(1), m.atEndOfMonth()).stream().filter(f -> scope.covers(f.counter(), f.service()))
                        .toList(), Rankings.MIN_RATINGS));
        String title = Texts.of(lang, "rankings") + " " + month;
        if (!form.equals("page")) {
            printOrExport(ctx, s, form, title, month.toString(), "/rankings " + month,
                    ReportTables.rankings(r, dir(), lang), "rankings-" + month);
            return;
        }
        audit.record(s.user().login(), ctx.ip(), "report.view", "/rankings " + month);
        ctx.html(Layout.page(lang, dir().branchName(), title, s, Pages.rankings(lang, month.toString(), r, dir())
                .append(Pages.exportLinks(lang, "/rankings", "month=" + month))));
    }

    // ---------------------------------------------------------------- audit and users

    private void auditPage(Context ctx) throws SQLException {
        Sessions.Current s = require(ctx, current(ctx).user().role().readsAudit());
        String lang = s.user().language();
        Optional<String> action = Optional.ofNullable(ctx.queryParam("action")).filter(a -> a.matches("[a-z.]{1,32}"));
        audit.record(s.user().login(), ctx.ip(), "audit.view", action.orElse("all"));
        ctx.html(Layout.page(lang, dir().branchName(), Texts.of(lang, "audit"), s,
                Pages.audit(lang, audit.newest(500, action), dir().zone())));
    }

    private void usersPage(Context ctx, String error) throws SQLException {
        Sessions.Current s = require(ctx, current(ctx).user().role().administers());
        String lang = s.user().language();
        ctx.html(Layout.page(lang, dir().branchName(), Texts.of(lang, "users"), s,
                Pages.users(lang, store.users(), throttle.entries(), s.csrf(), dir(), dir().zone(), error)));
    }

    private void addUser(Context ctx) {
        Sessions.Current s = require(ctx, current(ctx).user().role().administers());
        Role role;
        Scope scope;
        try {
            role = Role.of(bounded(ctx.formParam("role"), 32));
            String sc = bounded(ctx.formParam("scope"), 500);
            scope = sc.isBlank() ? Scope.BRANCH : Scope.parse(sc);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            wrap(() -> usersPage(ctx, e.getMessage()));
            return;
        }
        Optional<String> teller = Optional.of(bounded(ctx.formParam("teller"), 64)).filter(t -> !t.isBlank());
        CompletableFuture<Long> added = users.add(s.user().login(), ctx.ip(), bounded(ctx.formParam("login"), 64).trim(),
                bounded(ctx.formParam("name"), 200).trim(), role, scope, teller, bounded(ctx.formParam("language"), 2),
                bounded(ctx.formParam("password"), 200));
        ctx.future(() -> added.handle((id, err) -> {
            if (err == null) {
                ctx.redirect("/admin/users", HttpStatus.SEE_OTHER);
            } else {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                ctx.status(cause instanceof ConsoleUsers.Refused ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR);
                wrap(() -> usersPage(ctx, cause.getMessage()));
            }
            return null;
        }));
    }

    private void disableUser(Context ctx) throws SQLException {
        Sessions.Current s = require(ctx, current(ctx).user().role().administers());
        User u = userOf(ctx);
        if (u.id() == s.user().id()) {
            throw new IllegalArgumentException("an admin cannot disable their own account");
        }
        users.setDisabled(s.user().login(), ctx.ip(), u, true);
        ctx.redirect("/admin/users", HttpStatus.SEE_OTHER);
    }

    /**
     * An admin sets another user's password, or has one generated and shown on this answer only
     * (never stored in clear, never in the audit log); the user's sessions end.
     */
    private void resetPassword(Context ctx) throws SQLException {
        Sessions.Current s = require(ctx, current(ctx).user().role().administers());
        User u = userOf(ctx);
        if (u.id() == s.user().id()) {
            throw new IllegalArgumentException("an admin resets their own password on the command line");
        }
        String given = bounded(ctx.formParam("password"), 200);
        boolean generated = given.isEmpty();
        String password = generated ? Sessions.randomToken().substring(0, 16) : given;
        String lang = s.user().language();
        CompletableFuture<Void> done = users.setPassword(s.user().login(), ctx.ip(), u, password);
        ctx.future(() -> done.handle((ok, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                ctx.status(cause instanceof ConsoleUsers.Refused ? HttpStatus.BAD_REQUEST
                        : HttpStatus.INTERNAL_SERVER_ERROR);
                wrap(() -> usersPage(ctx, cause.getMessage()));
                return null;
            }
            Html notice = new Html().open("p", "class", "notice", "id", "password-notice");
            if (generated) {
                notice.text(Texts.of(lang, "password-generated").formatted(u.login()))
                        .element("code", password, "id", "new-password");
            } else {
                notice.text(Texts.of(lang, "password-set").formatted(u.login()));
            }
            notice.close("p");
            wrap(() -> ctx.html(Layout.page(lang, dir().branchName(), Texts.of(lang, "users"), s, notice.append(
                    Pages.users(lang, store.users(), throttle.entries(), s.csrf(), dir(), dir().zone(), null)))));
            return null;
        }));
    }

    private User userOf(Context ctx) throws SQLException {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no such user");
        }
        return store.user(id).orElseThrow(() -> new IllegalArgumentException("no such user"));
    }

    // ---------------------------------------------------------------- tellers

    private void tellersPage(Context ctx, String error) {
        Sessions.Current s = require(ctx, current(ctx).user().role().managesStaff());
        String lang = s.user().language();
        ctx.html(Layout.page(lang, dir().branchName(), Texts.of(lang, "tellers"), s,
                Pages.tellers(lang, staff.all(), t -> photos.photo(t).isPresent(), s.csrf(), error)));
    }

    private void addTeller(Context ctx) {
        Sessions.Current s = require(ctx, current(ctx).user().role().managesStaff());
        CompletableFuture<Void> added = staff.add(s.user().login(), ctx.ip(), bounded(ctx.formParam("id"), 64).trim(),
                bounded(ctx.formParam("name"), 200), bounded(ctx.formParam("employee-no"), 64),
                bounded(ctx.formParam("pin"), 16));
        ctx.future(() -> added.handle((ok, err) -> afterTellerChange(ctx, err)));
    }

    private void changeTeller(Context ctx) {
        Sessions.Current s = require(ctx, current(ctx).user().role().managesStaff());
        String id = ctx.pathParam("id");
        CompletableFuture<Void> done;
        try {
            done = switch (ctx.pathParam("change")) {
                case "rename" -> {
                    staff.rename(s.user().login(), ctx.ip(), id, bounded(ctx.formParam("name"), 200));
                    yield CompletableFuture.completedFuture(null);
                }
                case "disable", "enable" -> {
                    staff.setDisabled(s.user().login(), ctx.ip(), id, ctx.pathParam("change").equals("disable"));
                    yield CompletableFuture.completedFuture(null);
                }
                case "pin" -> staff.resetPin(s.user().login(), ctx.ip(), id, bounded(ctx.formParam("pin"), 16));
                case "photo" -> {
                    staff.find(id).orElseThrow(() -> new ConsoleUsers.Refused("no teller " + id));
                    UploadedFile f = ctx.uploadedFile("photo");
                    try (InputStream in = f == null ? InputStream.nullInputStream() : f.content()) {
                        photos.set(s.user().login(), ctx.ip(), id, in.readNBytes(TellerPhotos.MAX_BYTES + 1));
                    }
                    yield CompletableFuture.completedFuture(null);
                }
                default -> throw new IllegalArgumentException("no such change");
            };
        } catch (ConsoleUsers.Refused | IOException e) {
            done = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> result = done;
        ctx.future(() -> result.handle((ok, err) -> afterTellerChange(ctx, err)));
    }

    /**
     * A teller's photo by its checksum, for the rating pads (no session: a pad has no console account,
     * the photo is what the pad shows every customer, and only stored photos can be named, by a
     * 256-bit checksum). Cacheable for good: content never changes under its name.
     */
    private void padPhoto(Context ctx) {
        TellerPhotos.Photo p = photos.byChecksum(ctx.pathParam("sha256"))
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no such photo"));
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.contentType(p.contentType()).result(p.bytes());
    }

    /** A teller's photo, for whoever may see the teller. */
    private void tellerPhoto(Context ctx) {
        String id = ctx.pathParam("id");
        require(ctx, current(ctx).user().maySee(id));
        TellerPhotos.Photo p = photos.photo(id).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no photo"));
        ctx.header("ETag", "\"" + p.sha256() + "\"");
        ctx.contentType(p.contentType()).result(p.bytes());
    }

    private Void afterTellerChange(Context ctx, Throwable err) {
        if (err == null) {
            ctx.redirect("/admin/tellers", HttpStatus.SEE_OTHER);
            return null;
        }
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        ctx.status(cause instanceof ConsoleUsers.Refused ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR);
        tellersPage(ctx, cause.getMessage());
        return null;
    }

    // ---------------------------------------------------------------- services and counters

    private void floorPage(Context ctx, String error) {
        floorPage(ctx, error, null);
    }

    private void floorPage(Context ctx, String error, Floor.AddedCounter added) {
        Sessions.Current s = require(ctx, current(ctx).user().role().managesStaff());
        String lang = s.user().language();
        Scope scope = s.user().scope();
        ctx.html(Layout.page(lang, dir().branchName(), Texts.of(lang, "floor"), s, FloorPage.render(lang,
                floor.all(Floor.Kind.SERVICE).stream().filter(p -> Floor.inScope(scope, p.kind(), p.id())).toList(),
                floor.all(Floor.Kind.COUNTER).stream().filter(p -> Floor.inScope(scope, p.kind(), p.id())).toList(),
                s.csrf(), error, scope.branch(), added)));
    }

    /** A new service (admin and branch manager with the whole branch as scope: it concerns every counter). */
    private void addService(Context ctx) {
        User user = current(ctx).user();
        Sessions.Current s = require(ctx, user.role().managesStaff() && user.scope().branch());
        Map<String, String> weights = new java.util.HashMap<>();
        floor.all(Floor.Kind.COUNTER).forEach(c -> weights.put(c.id(), bounded(ctx.formParam("weight-" + c.id()), 8)));
        try {
            floor.addService(s.user().login(), ctx.ip(), bounded(ctx.formParam("id"), 64),
                    bounded(ctx.formParam("prefix"), 8),
                    bounded(ctx.formParam("name-zh"), 200), bounded(ctx.formParam("name-en"), 200),
                    bounded(ctx.formParam("first"), 8), bounded(ctx.formParam("last"), 8),
                    bounded(ctx.formParam("opens"), 8), bounded(ctx.formParam("closes"), 8), weights);
        } catch (ConsoleUsers.Refused e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            floorPage(ctx, e.getMessage());
            return;
        }
        ctx.redirect("/admin/floor", HttpStatus.SEE_OTHER);
    }

    /**
     * A new counter with its caller and pad (admin and branch manager with the whole branch as scope,
     * as for a service). The answer is the page itself, not a redirect: it is the one time the new
     * devices' secrets are shown, and it is not cached.
     */
    private void addCounter(Context ctx) {
        User user = current(ctx).user();
        Sessions.Current s = require(ctx, user.role().managesStaff() && user.scope().branch());
        Map<String, String> weights = new java.util.HashMap<>();
        floor.all(Floor.Kind.SERVICE).forEach(v -> weights.put(v.id(), bounded(ctx.formParam("weight-" + v.id()), 8)));
        Floor.AddedCounter added;
        try {
            added = floor.addCounter(s.user().login(), ctx.ip(), bounded(ctx.formParam("id"), 64),
                    bounded(ctx.formParam("number"), 8), bounded(ctx.formParam("name-zh"), 200),
                    bounded(ctx.formParam("name-en"), 200), weights, bounded(ctx.formParam("caller"), 80),
                    bounded(ctx.formParam("pad"), 80));
        } catch (ConsoleUsers.Refused e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            floorPage(ctx, e.getMessage());
            return;
        }
        ctx.header("Cache-Control", "no-store");
        floorPage(ctx, null, added);
    }

    private void changeFloor(Context ctx) {
        Sessions.Current s = require(ctx, current(ctx).user().role().managesStaff());
        Floor.Kind kind = Floor.Kind.of(ctx.pathParam("kind"));
        String id = ctx.pathParam("id");
        require(ctx, Floor.inScope(s.user().scope(), kind, id));
        try {
            switch (ctx.pathParam("change")) {
                case "rename" -> floor.rename(s.user().login(), ctx.ip(), kind, id, bounded(ctx.formParam("name-zh"), 200),
                        bounded(ctx.formParam("name-en"), 200));
                case "disable", "enable" -> floor.setDisabled(s.user().login(), ctx.ip(), kind, id,
                        ctx.pathParam("change").equals("disable"));
                default -> throw new IllegalArgumentException("no such change");
            }
        } catch (ConsoleUsers.Refused e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            floorPage(ctx, e.getMessage());
            return;
        }
        ctx.redirect("/admin/floor", HttpStatus.SEE_OTHER);
    }

    // ---------------------------------------------------------------- helpers

    private static void asset(Context ctx, String name, String type) throws IOException {
        try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream("console-assets/" + name)) {
            if (in == null) {
                ctx.status(HttpStatus.NOT_FOUND);
                return;
            }
            ctx.header("Cache-Control", "max-age=300");
            ctx.contentType(type + "; charset=utf-8").result(in.readAllBytes());
        }
    }

    private static void css(Context ctx, String css) {
        ctx.header("Cache-Control", "max-age=300");
        ctx.contentType("text/css; charset=utf-8").result(css.getBytes(StandardCharsets.UTF_8));
    }

    /** A query parameter that is a date like 2026-12-05, or {@code otherwise} when blank. */
    public static LocalDate date(Context ctx, String name, LocalDate otherwise) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(bounded(v, 10));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date like 2026-12-05");
        }
    }

    /** A query parameter that is an id (1 to 64 of A-Z a-z 0-9 . _ -), or null when blank. */
    public static String idParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (!v.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(name + " is not an id");
        }
        return v;
    }

    private static String bounded(String v, int max) {
        if (v == null) {
            return "";
        }
        if (v.length() > max) {
            throw new IllegalArgumentException("a field is longer than " + max + " characters");
        }
        return v;
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void wrap(SqlAction a) {
        try {
            a.run();
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    /** A request refused with a status and a message for the page. */
    static final class Refused extends RuntimeException {
        final HttpStatus status;

        Refused(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }
}
