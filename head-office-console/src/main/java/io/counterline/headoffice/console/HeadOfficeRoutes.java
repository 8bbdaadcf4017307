package io.counterline.headoffice.console;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.Sessions;
import io.counterline.console.report.PeriodReport;
import io.counterline.console.report.ReportQuery;
import io.counterline.console.report.ReportTables;
import io.counterline.console.report.ReportTables.Table;
import io.counterline.console.web.ConsoleRoutes;
import io.counterline.console.web.ConsoleServer;
import io.counterline.console.web.Html;
import io.counterline.console.web.Layout;
import io.counterline.console.web.Pages;
import io.counterline.protocol.ConfigDocument;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The head-office pages, added to the branch console (same sign-in, roles, CSRF, audit, print and
 * export): every branch's live status, targets, the three comparisons, the rankings of branches
 * and of tellers, and a branch's own reports. A user sees the branches their scope covers
 * ({@link Scope#coversBranch}); a regional manager is a branch manager scoped to a region.
 */
public final class HeadOfficeRoutes implements ConsoleRoutes {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> FORMS = List.of("print", "pdf", "csv", "xlsx");
    /** A page shows at most this many rows of a table (a network's tellers run to thousands). */
    static final int PAGE_ROWS = 1000;

    private final NetworkStore store;
    private final SpringFestival calendar;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final String title;
    private final Duration onlineWindow;
    private final int rolloverHour;
    private final ConfigDesk configs;

    /** @param rolloverHour the hour at which the branches' business day begins (their {@code queue.rollover-hour}) */
    public HeadOfficeRoutes(NetworkStore store, SpringFestival calendar, AuditLog audit, Clock clock, ZoneId zone,
                            String title, Duration onlineWindow, int rolloverHour) {
        this.store = store;
        this.calendar = calendar;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
        this.title = title;
        this.onlineWindow = onlineWindow;
        this.rolloverHour = rolloverHour;
        this.configs = new ConfigDesk(store);
    }

    /**
     * The branches' business day now, as their tickets carry it: at 01:00 a branch is still
     * serving (and head office still showing) the day before.
     */
    private LocalDate today() {
        return clock.instant().atZone(zone).minusHours(rolloverHour).toLocalDate();
    }

    /** A page's tables and the words around them. */
    private record View(String title, String period, Html form, List<Table> tables, Html notes) {
    }

    /** A page's view and its body as shown (without the frame, which carries the user's session). */
    private record Built(View view, Html body) {
    }

    @FunctionalInterface
    private interface PageBuilder {
        View build(Context ctx, Sessions.Current s) throws Exception;
    }

    private static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message);
        }
    }

    @Override
    public Optional<String> home() {
        return Optional.of("/hq");
    }

    @Override
    public void register(RoutesConfig routes, ReportOutput output) {
        page(routes, output, "/hq", this::status, false);
        page(routes, output, "/hq/compare/plan", this::plan);
        page(routes, output, "/hq/compare/last-year", this::lastYear);
        page(routes, output, "/hq/compare/siblings", this::siblings);
        page(routes, output, "/hq/rankings/branches", this::branchRanking);
        page(routes, output, "/hq/rankings/tellers", this::tellerRanking);
        page(routes, output, "/hq/targets", this::targets, false);
        routes.post("/hq/targets", this::setTarget);
        page(routes, output, "/hq/config", this::configs, false);
        routes.get("/hq/config/{branch}", ctx -> send(ctx, output, "page", this::configOf));
        for (String form : FORMS) {
            routes.get("/hq/config/{branch}" + suffix(form), ctx -> send(ctx, output, form, this::configOf));
        }
        routes.post("/hq/config/{branch}", this::publishConfig);
        routes.get("/hq/branches/{branch}", ctx -> send(ctx, output, "page", this::branchReports));
        for (String form : FORMS) {
            routes.get("/hq/branches/{branch}" + suffix(form), ctx -> send(ctx, output, form, this::branchReports));
        }
        routes.exception(NotAllowed.class, (e, ctx) -> {
            Sessions.Current s = ConsoleServer.signedIn(ctx);
            audit.record(s.user().login(), ctx.ip(), "forbidden", ctx.method().name() + " " + ctx.path());
            ctx.status(HttpStatus.FORBIDDEN).html(Layout.message(s.user().language(), title, s, "403 Forbidden",
                    e.getMessage()));
        });
    }

    /** A page of the rollups: built once per query, scope and language while the rollups are unchanged. */
    private void page(RoutesConfig routes, ReportOutput output, String path, PageBuilder builder) {
        page(routes, output, path, builder, true);
    }

    private void page(RoutesConfig routes, ReportOutput output, String path, PageBuilder builder, boolean shared) {
        routes.get(path, ctx -> send(ctx, output, "page", builder, shared));
        for (String form : FORMS) {
            routes.get((path.equals("/hq") ? "/hq/status" : path) + suffix(form),
                    ctx -> send(ctx, output, form, builder, shared));
        }
    }

    private static String suffix(String form) {
        return form.equals("print") ? "/print" : "/export." + form;
    }

    private void send(Context ctx, ReportOutput output, String form, PageBuilder builder) throws Exception {
        send(ctx, output, form, builder, false);
    }

    private void send(Context ctx, ReportOutput output, String form, PageBuilder builder, boolean shared)
            throws Exception {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        if (!s.user().role().seesBranchFigures()) {
            throw new NotAllowed(io.counterline.console.web.Texts.of(s.user().language(), "forbidden"));
        }
        String lang = s.user().language();
        String base = ctx.path().equals("/hq") ? "/hq/status" : ctx.path();
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        // The key holds all a view depends on besides the rollups: the query, the user's scope,
        // the language and today (a running month is counted up to today).
        String key = "view " + base.replaceFirst("/(print|export\\.[a-z]+)$", "") + "?" + query + " "
                + s.user().scope().text() + " " + lang + " " + today();
        Built built = shared ? store.whileRollupsUnchanged(key, () -> build(ctx, s, builder, base, query))
                : build(ctx, s, builder, base, query);
        View v = built.view();
        String what = base + (query.isEmpty() ? "" : "?" + query);
        if (!form.equals("page")) {
            String file = base.substring(1).replace('/', '-') + "-" + v.period().replace(' ', '_');
            output.send(ctx, s, form, v.title(), v.period(), what, v.tables(), file);
            return;
        }
        audit.record(s.user().login(), ctx.ip(), "hq.view", what);
        ctx.html(Layout.page(lang, title, v.title(), s, built.body()));
    }

    private Built build(Context ctx, Sessions.Current s, PageBuilder builder, String base, String query)
            throws Exception {
        String lang = s.user().language();
        View v = builder.build(ctx, s);
        List<Table> shown = new ArrayList<>();
        Html cut = new Html();
        for (Table t : v.tables()) {
            if (t.rows().size() > PAGE_ROWS) {
                shown.add(new Table(t.title(), t.headers(), t.rows().subList(0, PAGE_ROWS)));
                cut.element("p", String.format("zh".equals(lang) ? "“%s”只显示前 %d 行（共 %d 行）；打印和导出包含全部。"
                        : "\"%s\" shows its first %d of %d rows; print and export hold them all.", t.title(), PAGE_ROWS,
                        t.rows().size()), "class", "note");
            } else {
                shown.add(t);
            }
        }
        String exportBase = base.replaceFirst("/(print|export\\.[a-z]+)$", "");
        Html body = nav(lang).append(v.form()).append(Pages.exportLinks(lang, exportBase, query)).append(cut)
                .append(Pages.tables(shown)).append(v.notes());
        return new Built(v, body);
    }

    private static Html nav(String lang) {
        Html h = new Html().open("nav", "class", "hq");
        String[][] links = {{"/hq", "status"}, {"/hq/targets", "targets"}, {"/hq/compare/plan", "plan"},
                {"/hq/compare/last-year", "last-year"}, {"/hq/compare/siblings", "siblings"},
                {"/hq/rankings/branches", "branch-ranking"}, {"/hq/rankings/tellers", "teller-ranking"},
                {"/hq/config", "config"}};
        for (String[] l : links) {
            h.element("a", HqTexts.of(lang, l[1]), "href", l[0]);
        }
        return h.close("nav");
    }

    // ---------------------------------------------------------------- scope and parameters

    private List<NetworkStore.Branch> visible(Sessions.Current s) throws Exception {
        Scope scope = s.user().scope();
        return store.branches().stream().filter(b -> scope.coversBranch(b.id(), b.region())).toList();
    }

    private NetworkStore.Branch visibleBranch(Sessions.Current s, String id) throws Exception {
        String bounded = id == null ? "" : id.trim();
        if (bounded.length() > 64) {
            throw new IllegalArgumentException("a branch id has at most 64 characters");
        }
        Optional<NetworkStore.Branch> b = store.branch(bounded);
        if (b.isEmpty()) {
            throw new IllegalArgumentException("no branch '" + bounded + "'");
        }
        if (!s.user().scope().coversBranch(b.get().id(), b.get().region())) {
            throw new NotAllowed(HqTexts.of(s.user().language(), "out-of-scope"));
        }
        return b.get();
    }

    private YearMonth month(Context ctx) {
        String m = ctx.queryParam("month");
        if (m == null || m.isBlank()) {
            return YearMonth.from(today());
        }
        return parseMonth(m);
    }

    private static YearMonth parseMonth(String m) {
        try {
            YearMonth ym = YearMonth.parse(m.trim().length() > 7 ? "x" : m.trim());
            if (ym.getYear() < 2000 || ym.getYear() > 2100) {
                throw new DateTimeParseException("out of range", m, 0);
            }
            return ym;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month must look like 2026-12 (years 2000-2100)");
        }
    }

    private static Measure measure(Context ctx) {
        String m = ctx.queryParam("measure");
        return m == null || m.isBlank() ? Measure.SERVED : Measure.of(m.length() > 20 ? "" : m);
    }

    /** The month's days up to today (a month still running is compared up to today). */
    private SpringFestival.Period days(YearMonth month) {
        LocalDate today = today();
        LocalDate to = month.atEndOfMonth().isAfter(today) && !month.atDay(1).isAfter(today) ? today : month.atEndOfMonth();
        return new SpringFestival.Period(month.atDay(1), to);
    }

    private Html monthForm(String lang, String action, YearMonth month, Optional<Measure> measure, String... extra) {
        Html h = new Html().open("form", "method", "get", "action", action, "class", "filters");
        h.open("label").text(HqTexts.of(lang, "month")).empty("input", "type", "month", "name", "month", "value",
                month.toString()).close("label");
        if (measure.isPresent()) {
            h.open("label").text(HqTexts.of(lang, "measure")).open("select", "name", "measure");
            for (Measure m : Measure.values()) {
                if (m == measure.get()) {
                    h.element("option", m.label(lang), "value", m.wire(), "selected", "selected");
                } else {
                    h.element("option", m.label(lang), "value", m.wire());
                }
            }
            h.close("select").close("label");
        }
        if (extra.length == 2) {
            h.open("label").text(HqTexts.of(lang, "by")).open("select", "name", "by");
            for (String by : List.of("region", "size")) {
                if (by.equals(extra[1])) {
                    h.element("option", HqTexts.of(lang, by), "value", by, "selected", "selected");
                } else {
                    h.element("option", HqTexts.of(lang, by), "value", by);
                }
            }
            h.close("select").close("label");
        }
        return h.element("button", HqTexts.of(lang, "show"), "type", "submit").close("form");
    }

    static String format(Measure m, OptionalDouble v) {
        if (v.isEmpty()) {
            return "–";
        }
        return m == Measure.ISSUED || m == Measure.SERVED ? Long.toString(Math.round(v.getAsDouble()))
                : String.format(Locale.ROOT, "%.1f", v.getAsDouble());
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v);
    }

    // ---------------------------------------------------------------- live status

    private View status(Context ctx, Sessions.Current s) throws Exception {
        String lang = s.user().language();
        Instant now = clock.instant();
        LocalDate today = today();
        Map<String, NetworkStore.Status> status = store.status(today, now.minus(Duration.ofDays(1)));
        List<List<String>> rows = new ArrayList<>();
        long waiting = 0;
        long open = 0;
        long issued = 0;
        long served = 0;
        int online = 0;
        for (NetworkStore.Branch b : visible(s)) {
            NetworkStore.Status st = status.get(b.id());
            boolean isOnline = st != null && st.lastFact().isAfter(now.minus(onlineWindow));
            online += isOnline ? 1 : 0;
            if (st != null) {
                waiting += st.waiting();
                open += st.openCounters();
                issued += st.issued();
                served += st.served();
            }
            rows.add(List.of(b.id(), b.name(), b.region(), HqTexts.of(lang, isOnline ? "yes" : "no"),
                    st == null ? "–" : STAMP.format(st.lastFact().atZone(zone)),
                    st == null ? "0" : Long.toString(st.waiting()), st == null ? "0" : Long.toString(st.openCounters()),
                    st == null ? "0" : Long.toString(st.issued()), st == null ? "0" : Long.toString(st.served())));
        }
        rows.add(List.of("Σ", Integer.toString(rows.size()), "", Integer.toString(online), "", Long.toString(waiting),
                Long.toString(open), Long.toString(issued), Long.toString(served)));
        Table t = new Table(HqTexts.of(lang, "status") + " " + STAMP.format(now.atZone(zone)),
                List.of(HqTexts.of(lang, "branch"), HqTexts.of(lang, "name"), HqTexts.of(lang, "region"),
                        HqTexts.of(lang, "online"), HqTexts.of(lang, "last-fact"), HqTexts.of(lang, "waiting"),
                        HqTexts.of(lang, "open-counters"), HqTexts.of(lang, "issued-today"),
                        HqTexts.of(lang, "served-today")), rows);
        Html notes = new Html().element("p", "zh".equals(lang)
                ? "在线：最近 " + onlineWindow.toMinutes() + " 分钟内有数据上传。开放窗口：当前有已叫号或办理中的票的窗口。"
                : "Online: a fact arrived in the last " + onlineWindow.toMinutes() + " min. Open counters: counters"
                + " holding a ticket called or in service now.", "class", "note");
        Html links = new Html().open("p", "class", "drill");
        visible(s).forEach(b -> links.element("a", b.id(), "href", "/hq/branches/" + b.id()));
        return new View(HqTexts.of(lang, "status"), today.toString(), links.close("p"), List.of(t), notes);
    }

    // ---------------------------------------------------------------- comparisons

    private View plan(Context ctx, Sessions.Current s) throws Exception {
        String lang = s.user().language();
        YearMonth month = month(ctx);
        Measure m = measure(ctx);
        SpringFestival.Period p = days(month);
        Map<String, Totals> totals = store.totals(p.from(), p.to());
        Map<String, Map<Measure, NetworkStore.Target>> targets = store.targets(month);
        List<List<String>> rows = new ArrayList<>();
        for (NetworkStore.Branch b : visible(s)) {
            Totals t = totals.getOrDefault(b.id(), Totals.NONE);
            OptionalDouble actual = t.value(m);
            Optional<NetworkStore.Target> target = Optional.ofNullable(targets.get(b.id())).map(x -> x.get(m));
            String of = "–";
            String met = "–";
            if (target.isPresent() && actual.isPresent()) {
                double tv = target.get().value();
                of = tv == 0 ? "–" : percent(100 * actual.getAsDouble() / tv);
                boolean ok = m.higherIsBetter() ? actual.getAsDouble() >= tv : actual.getAsDouble() <= tv;
                met = HqTexts.of(lang, ok ? "yes" : "no");
            }
            rows.add(List.of(b.id(), b.name(), b.region(), format(m, actual),
                    target.map(x -> format(m, OptionalDouble.of(x.value()))).orElse("–"), of, met,
                    t.sample(m) + (t.small(m) ? " (" + HqTexts.of(lang, "small") + ")" : "")));
        }
        Table table = new Table(HqTexts.of(lang, "plan") + " · " + m.label(lang) + " · " + p,
                List.of(HqTexts.of(lang, "branch"), HqTexts.of(lang, "name"), HqTexts.of(lang, "region"),
                        HqTexts.of(lang, "actual"), HqTexts.of(lang, "target"), HqTexts.of(lang, "of-target"),
                        HqTexts.of(lang, "met"), HqTexts.of(lang, "sample")), rows);
        return new View(HqTexts.of(lang, "plan"), p.toString(), monthForm(lang, "/hq/compare/plan", month, Optional.of(m)),
                List.of(table), new Html());
    }

    private View lastYear(Context ctx, Sessions.Current s) throws Exception {
        String lang = s.user().language();
        YearMonth month = month(ctx);
        Measure m = measure(ctx);
        SpringFestival.Period p = days(month);
        SpringFestival.Period last = calendar.lastYear(p.from(), p.to());
        Map<String, Totals> now = store.totals(p.from(), p.to());
        Map<String, Totals> before = store.totals(last.from(), last.to());
        List<List<String>> rows = new ArrayList<>();
        Totals sumNow = Totals.NONE;
        Totals sumBefore = Totals.NONE;
        for (NetworkStore.Branch b : visible(s)) {
            Totals a = now.getOrDefault(b.id(), Totals.NONE);
            Totals c = before.getOrDefault(b.id(), Totals.NONE);
            sumNow = sumNow.plus(a);
            sumBefore = sumBefore.plus(c);
            rows.add(row(b.id(), b.name(), m, a, c, lang));
        }
        rows.add(row("Σ", "", m, sumNow, sumBefore, lang));
        Table table = new Table(HqTexts.of(lang, "last-year") + " · " + m.label(lang) + " · " + p + " ↔ " + last,
                List.of(HqTexts.of(lang, "branch"), HqTexts.of(lang, "name"), HqTexts.of(lang, "this-period"),
                        HqTexts.of(lang, "comparable"), HqTexts.of(lang, "change"), HqTexts.of(lang, "sample")), rows);
        Html notes = new Html().element("p", HqTexts.of(lang, "comparable") + ": " + last + ". "
                + HqTexts.of(lang, "lunar-rule"), "class", "note", "id", "comparable-period");
        return new View(HqTexts.of(lang, "last-year"), p.toString(),
                monthForm(lang, "/hq/compare/last-year", month, Optional.of(m)), List.of(table), notes);
    }

    private static List<String> row(String id, String name, Measure m, Totals a, Totals c, String lang) {
        OptionalDouble va = a.value(m);
        OptionalDouble vc = c.value(m);
        String change = va.isPresent() && vc.isPresent() && vc.getAsDouble() != 0
                ? percent(100 * (va.getAsDouble() - vc.getAsDouble()) / vc.getAsDouble()) : "–";
        return List.of(id, name, format(m, va), format(m, vc), change, a.sample(m) + " / " + c.sample(m)
                + (a.small(m) || c.small(m) ? " (" + HqTexts.of(lang, "small") + ")" : ""));
    }

    private View siblings(Context ctx, Sessions.Current s) throws Exception {
        String lang = s.user().language();
        YearMonth month = month(ctx);
        Measure m = measure(ctx);
        String by = "size".equals(ctx.queryParam("by")) ? "size" : "region";
        SpringFestival.Period p = days(month);
        Map<String, Totals> totals = store.totals(p.from(), p.to());
        List<NetworkStore.Branch> all = store.branches();
        Function<NetworkStore.Branch, String> group = by.equals("size") ? NetworkStore.Branch::sizeGroup
                : NetworkStore.Branch::region;
        // The group's figures cover all its branches (pooled), in scope or not: the comparison is
        // with the group; only the user's own branches are listed.
        Map<String, List<NetworkStore.Branch>> groups = all.stream().collect(Collectors.groupingBy(group));
        Map<String, Totals> pooled = new HashMap<>();
        Map<String, Integer> rank = new HashMap<>();
        for (var e : groups.entrySet()) {
            pooled.put(e.getKey(), e.getValue().stream().map(b -> totals.getOrDefault(b.id(), Totals.NONE))
                    .reduce(Totals.NONE, Totals::plus));
            List<NetworkStore.Branch> ranked = e.getValue().stream()
                    .filter(b -> totals.getOrDefault(b.id(), Totals.NONE).value(m).isPresent())
                    .sorted(order(m, b -> totals.getOrDefault(b.id(), Totals.NONE))).toList();
            for (int i = 0; i < ranked.size(); i++) {
                rank.put(ranked.get(i).id(), i + 1);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (NetworkStore.Branch b : visible(s)) {
            String g = group.apply(b);
            Totals t = totals.getOrDefault(b.id(), Totals.NONE);
            OptionalDouble v = t.value(m);
            OptionalDouble gv = pooled.get(g).value(m);
            String diff = v.isPresent() && gv.isPresent() ? format(m, OptionalDouble.of(v.getAsDouble() - gv.getAsDouble()))
                    : "–";
            rows.add(List.of(b.id(), b.name(), g, format(m, v), format(m, gv), diff,
                    Optional.ofNullable(rank.get(b.id())).map(r -> r + " / " + groups.get(g).size()).orElse("–"),
                    t.sample(m) + (t.small(m) ? " (" + HqTexts.of(lang, "small") + ")" : "")));
        }
        Table table = new Table(HqTexts.of(lang, "siblings") + " · " + m.label(lang) + " · " + p,
                List.of(HqTexts.of(lang, "branch"), HqTexts.of(lang, "name"), HqTexts.of(lang, by),
                        HqTexts.of(lang, "actual"), HqTexts.of(lang, "group-value"), HqTexts.of(lang, "difference"),
                        HqTexts.of(lang, "rank-in-group"), HqTexts.of(lang, "sample")), rows);
        return new View(HqTexts.of(lang, "siblings"), p.toString(),
                monthForm(lang, "/hq/compare/siblings", month, Optional.of(m), "by", by), List.of(table), new Html());
    }

    /** Best first for the measure; ties by branch id, so the order is stable. */
    private static <T> Comparator<T> order(Measure m, Function<T, Totals> totals) {
        Comparator<T> c = Comparator.comparingDouble(x -> totals.apply(x).value(m).orElse(0));
        return m.higherIsBetter() ? c.reversed() : c;
    }

    // ---------------------------------------------------------------- rankings

    private View branchRanking(Context ctx, Sessions.Current s) throws Exception {
        String lang = s.user().language();
        YearMonth month = month(ctx);
        Measure m = measure(ctx);
        SpringFestival.Period p = days(month);
        Map<String, Totals> totals = store.totals(p.from(), p.to());
        List<NetworkStore.Branch> mine = visible(s);
        Function<NetworkStore.Branch, Totals> t = b -> totals.getOrDefault(b.id(), Totals.NONE);
        List<NetworkStore.Branch> ranked = mine.stream().filter(b -> t.apply(b).value(m).isPresent() && !t.apply(b).small(m))
                .sorted(order(m, t).thenComparing(NetworkStore.Branch::id)).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            NetworkStore.Branch b = ranked.get(i);
            rows.add(List.of(Integer.toString(i + 1), b.id(), b.name(), b.region(), format(m, t.apply(b).value(m)),
                    Long.toString(t.apply(b).sample(m))));
        }
        List<List<String>> apart = mine.stream().filter(b -> !ranked.contains(b))
                .map(b -> List.of("–", b.id(), b.name(), b.region(), format(m, t.apply(b).value(m)),
                        t.apply(b).sample(m) + " (" + HqTexts.of(lang, "small") + ")")).toList();
        List<String> headers = List.of(HqTexts.of(lang, "rank"), HqTexts.of(lang, "branch"), HqTexts.of(lang, "name"),
                HqTexts.of(lang, "region"), m.label(lang), HqTexts.of(lang, "sample"));
        List<Table> tables = new ArrayList<>(List.of(new Table(HqTexts.of(lang, "branch-ranking") + " · " + m.label(lang)
                + " · " + p, headers, rows)));
        if (!apart.isEmpty()) {
            tables.add(new Table(HqTexts.of(lang, "unranked") + " (n < " + Totals.SMALL_SAMPLE + ")", headers, apart));
        }
        return new View(HqTexts.of(lang, "branch-ranking"), p.toString(),
                monthForm(lang, "/hq/rankings/branches", month, Optional.of(m)), tables, new Html());
    }

    private View tellerRanking(Context ctx, Sessions.Current s) throws Exception {
        String lang = s.user().language();
        YearMonth month = month(ctx);
        SpringFestival.Period p = days(month);
        Map<String, NetworkStore.Branch> mine = visible(s).stream()
                .collect(Collectors.toMap(NetworkStore.Branch::id, b -> b));
        List<NetworkStore.TellerTotals> tellers = store.tellers(p.from(), p.to()).stream()
                .filter(t -> mine.containsKey(t.branch())).toList();
        Function<NetworkStore.TellerTotals, Totals> t = x -> new Totals(0, x.served(), 0, 0, x.good(), x.rated());
        List<NetworkStore.TellerTotals> ranked = tellers.stream().filter(x -> !t.apply(x).small(Measure.SATISFACTION))
                .sorted(order(Measure.SATISFACTION, t).thenComparing(NetworkStore.TellerTotals::branch)
                        .thenComparing(NetworkStore.TellerTotals::teller)).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            rows.add(tellerRow(Integer.toString(i + 1), ranked.get(i), mine, t, lang));
        }
        List<List<String>> apart = tellers.stream().filter(x -> t.apply(x).small(Measure.SATISFACTION))
                .sorted(Comparator.comparing(NetworkStore.TellerTotals::branch).thenComparing(NetworkStore.TellerTotals::teller))
                .map(x -> tellerRow("–", x, mine, t, lang)).toList();
        List<String> headers = List.of(HqTexts.of(lang, "rank"), HqTexts.of(lang, "teller"), HqTexts.of(lang, "branch"),
                HqTexts.of(lang, "region"), HqTexts.of(lang, "satisfaction"), HqTexts.of(lang, "ratings"),
                HqTexts.of(lang, "served"));
        List<Table> tables = new ArrayList<>(List.of(new Table(HqTexts.of(lang, "teller-ranking") + " · " + p, headers,
                rows)));
        if (!apart.isEmpty()) {
            tables.add(new Table(HqTexts.of(lang, "unranked") + " (n < " + Totals.SMALL_SAMPLE + ")", headers, apart));
        }
        return new View(HqTexts.of(lang, "teller-ranking"), p.toString(),
                monthForm(lang, "/hq/rankings/tellers", month, Optional.empty()), tables, new Html());
    }

    private static List<String> tellerRow(String rank, NetworkStore.TellerTotals x, Map<String, NetworkStore.Branch> mine,
                                          Function<NetworkStore.TellerTotals, Totals> t, String lang) {
        Totals tt = t.apply(x);
        return List.of(rank, x.teller(), x.branch(), mine.get(x.branch()).region(),
                format(Measure.SATISFACTION, tt.value(Measure.SATISFACTION)),
                x.rated() + (tt.small(Measure.SATISFACTION) ? " (" + HqTexts.of(lang, "small") + ")" : ""),
                Long.toString(x.served()));
    }

    // ---------------------------------------------------------------- targets

    private static boolean setsTargets(Role r) {
        return r == Role.ADMIN || r == Role.BRANCH_MANAGER;
    }

    private View targets(Context ctx, Sessions.Current s) throws Exception {
        String lang = s.user().language();
        YearMonth month = month(ctx);
        List<NetworkStore.Branch> mine = visible(s);
        Map<String, Map<Measure, NetworkStore.Target>> targets = store.targets(month);
        List<List<String>> rows = new ArrayList<>();
        for (NetworkStore.Branch b : mine) {
            for (NetworkStore.Target t : targets.getOrDefault(b.id(), Map.of()).values()) {
                rows.add(List.of(b.id(), b.name(), t.measure().label(lang), format(t.measure(), OptionalDouble.of(t.value())),
                        t.setBy(), STAMP.format(t.setAt().atZone(zone))));
            }
        }
        Html form = monthForm(lang, "/hq/targets", month, Optional.empty());
        if (setsTargets(s.user().role())) {
            form.open("form", "method", "post", "action", "/hq/targets", "class", "target", "id", "target-form")
                    .csrf(s.csrf());
            form.open("label").text(HqTexts.of(lang, "branch")).open("select", "name", "branch");
            mine.forEach(b -> form.element("option", b.id() + " " + b.name(), "value", b.id()));
            form.close("select").close("label");
            form.open("label").text(HqTexts.of(lang, "month")).empty("input", "type", "month", "name", "month", "value",
                    month.toString()).close("label");
            form.open("label").text(HqTexts.of(lang, "measure")).open("select", "name", "measure");
            for (Measure m : Measure.values()) {
                form.element("option", m.label(lang), "value", m.wire());
            }
            form.close("select").close("label");
            form.open("label").text(HqTexts.of(lang, "value")).empty("input", "type", "text", "name", "value",
                    "maxlength", "20", "required", "required").close("label");
            form.element("button", HqTexts.of(lang, "save"), "type", "submit", "id", "save-target").close("form");
        }
        Table t = new Table(HqTexts.of(lang, "targets") + " " + month, List.of(HqTexts.of(lang, "branch"),
                HqTexts.of(lang, "name"), HqTexts.of(lang, "measure"), HqTexts.of(lang, "target"),
                HqTexts.of(lang, "set-by"), HqTexts.of(lang, "last-fact")), rows);
        return new View(HqTexts.of(lang, "targets"), month.toString(), form, List.of(t), new Html());
    }

    private void setTarget(Context ctx) throws Exception {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        if (!setsTargets(s.user().role())) {
            throw new NotAllowed(io.counterline.console.web.Texts.of(s.user().language(), "forbidden"));
        }
        NetworkStore.Branch b = visibleBranch(s, ctx.formParam("branch"));
        YearMonth month = parseMonth(bounded(ctx.formParam("month"), 7));
        Measure m = Measure.of(bounded(ctx.formParam("measure"), 20));
        BigDecimal value = targetValue(m, ctx.formParam("value"));
        Optional<Double> before = store.setTarget(b.id(), month, m, value, s.user().login());
        audit.record(s.user().login(), ctx.ip(), "target.set", b.id() + " " + month + " " + m.wire(),
                before.map(String::valueOf).orElse(null), value.toPlainString());
        ctx.redirect("/hq/targets?month=" + month, HttpStatus.SEE_OTHER);
    }

    /** The form's value as a target: a plain number, at most two decimals, within the measure's bounds. */
    static BigDecimal targetValue(Measure m, String raw) {
        String text = raw == null ? "" : raw.trim();
        String bound = String.format(Locale.ROOT, "%.0f", m.maxTarget());
        if (text.length() > 20 || !text.matches("[0-9]{1,12}(\\.[0-9]{1,2})?")) {
            throw new IllegalArgumentException("a target is a number from 0 to " + bound + " with at most two decimals");
        }
        BigDecimal v = new BigDecimal(text);
        if (v.compareTo(BigDecimal.valueOf(m.maxTarget())) > 0) {
            throw new IllegalArgumentException("a target for " + m.wire() + " is at most " + bound);
        }
        return v;
    }

    private static String bounded(String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw new IllegalArgumentException("a field is longer than " + max + " characters");
        }
        return value;
    }

    // ---------------------------------------------------------------- configuration down-link

    private View configs(Context ctx, Sessions.Current s) throws Exception {
        String lang = s.user().language();
        List<NetworkStore.Branch> mine = visible(s);
        Map<String, String> names = new java.util.HashMap<>();
        mine.forEach(b -> names.put(b.id(), b.name()));
        List<List<String>> rows = new ArrayList<>();
        for (ConfigDesk.Line l : configs.lines(mine.stream().map(NetworkStore.Branch::id).toList())) {
            rows.add(configRow(l, names.get(l.branch())));
        }
        return new View(HqTexts.of(lang, "config"), "", new Html(), List.of(configTable(lang, rows)),
                new Html().element("p", HqTexts.of(lang, "config-note"), "class", "note"));
    }

    private List<String> configRow(ConfigDesk.Line l, String name) {
        return List.of(l.branch(), name, l.published() == 0 ? "–" : Long.toString(l.published()),
                l.published() == 0 ? "" : l.publishedBy() + " " + STAMP.format(l.publishedAt().atZone(zone)),
                l.sentAt() == null ? "–" : STAMP.format(l.sentAt().atZone(zone)),
                l.reportedAt() == null ? "–" : Long.toString(l.running()),
                l.pending() == 0 ? "" : l.pending() + (l.waitingFor().isEmpty() ? "" : " (" + l.waitingFor() + ")"),
                l.refused() == 0 ? "" : l.refused() + ": " + l.reason(),
                l.reportedAt() == null ? "–" : STAMP.format(l.reportedAt().atZone(zone)));
    }

    private static Table configTable(String lang, List<List<String>> rows) {
        return new Table(HqTexts.of(lang, "config"), List.of(HqTexts.of(lang, "branch"), HqTexts.of(lang, "name"),
                HqTexts.of(lang, "published"), HqTexts.of(lang, "set-by"), HqTexts.of(lang, "sent"),
                HqTexts.of(lang, "running"), HqTexts.of(lang, "pending"), HqTexts.of(lang, "refused"),
                HqTexts.of(lang, "reported")), rows);
    }

    private View configOf(Context ctx, Sessions.Current s) throws Exception {
        String lang = s.user().language();
        NetworkStore.Branch b = visibleBranch(s, ctx.pathParam("branch"));
        ConfigDesk.Line line = configs.lines(List.of(b.id())).get(0);
        Html form = new Html();
        String document = configs.newest(b.id()).orElse("{\n  \"services\": [],\n  \"tellers\": [],\n  \"calendar\": []\n}");
        if (s.user().role() == Role.ADMIN) {
            form.open("form", "method", "post", "action", "/hq/config/" + b.id(), "class", "config", "id", "config-form")
                    .csrf(s.csrf());
            form.open("label").text(HqTexts.of(lang, "document")).element("textarea", document, "name", "document",
                    "rows", "24", "cols", "80", "maxlength", Integer.toString(ConfigDocument.MAX_BYTES)).close("label");
            form.open("label").text(HqTexts.of(lang, "publish-to")).open("select", "name", "to");
            form.element("option", b.id() + " " + b.name(), "value", "branch");
            form.element("option", HqTexts.of(lang, "region") + " " + b.region(), "value", "region");
            form.close("select").close("label");
            form.element("button", HqTexts.of(lang, "publish"), "type", "submit", "id", "publish-config").close("form");
        } else {
            form.element("pre", document, "id", "config-document");
        }
        return new View(HqTexts.of(lang, "config") + " · " + b.id() + " " + b.name(), "", form,
                List.of(configTable(lang, List.of(configRow(line, b.name())))),
                new Html().element("p", HqTexts.of(lang, "config-note"), "class", "note"));
    }

    private void publishConfig(Context ctx) throws Exception {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        if (s.user().role() != Role.ADMIN) {
            throw new NotAllowed(io.counterline.console.web.Texts.of(s.user().language(), "forbidden"));
        }
        NetworkStore.Branch b = visibleBranch(s, ctx.pathParam("branch"));
        ConfigDocument doc = configDocument(bounded(ctx.formParam("document"), ConfigDocument.MAX_BYTES), b.id());
        String to = bounded(ctx.formParam("to"), 10);
        List<NetworkStore.Branch> targets = "region".equals(to)
                ? visible(s).stream().filter(x -> x.region().equals(b.region())).toList() : List.of(b);
        for (NetworkStore.Branch t : targets) {
            long version = configs.publish(t.id(), doc, s.user().login());
            audit.record(s.user().login(), ctx.ip(), "config.publish", t.id() + " version " + version,
                    version > 1 ? "version " + (version - 1) : null, doc.as(t.id(), version).toJson().toString());
        }
        ctx.redirect("/hq/config/" + b.id(), HttpStatus.SEE_OTHER);
    }

    /**
     * The form's document: JSON as a branch reads it, with {@code branch} and {@code version} set
     * here (whatever the form says); refused with the reason the branch would give.
     */
    static ConfigDocument configDocument(String text, String branch) {
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the configuration is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("the configuration is a JSON object");
        }
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) n;
        o.put("v", ConfigDocument.V);
        o.put("branch", branch);
        o.put("version", 1);
        if (ConfigDocument.of(o) instanceof io.counterline.protocol.Decoded.Rejected<ConfigDocument> r) {
            throw new IllegalArgumentException("configuration refused: " + r.rejection().detail());
        }
        ConfigDocument doc = ConfigDocument.of(o).orThrow();
        // As the branch will read it: with its longest version number, in UTF-8.
        if (doc.as(branch, Integer.MAX_VALUE).encode().length > ConfigDocument.MAX_BYTES) {
            throw new IllegalArgumentException("configuration refused: more than " + ConfigDocument.MAX_BYTES
                    + " bytes");
        }
        return doc;
    }

    // ---------------------------------------------------------------- drill-down

    private View branchReports(Context ctx, Sessions.Current s) throws Exception {
        String lang = s.user().language();
        NetworkStore.Branch b = visibleBranch(s, ctx.pathParam("branch"));
        LocalDate today = today();
        LocalDate from = date(ctx, "from", today.withDayOfMonth(1));
        LocalDate to = date(ctx, "to", today);
        ReportQuery q = new ReportQuery(from, to, Optional.empty(), Optional.empty(), Optional.empty());
        PostgresBranchHistory history = new PostgresBranchHistory(store, b.id());
        BranchDirectory dir = new BranchDirectory(b.id(), b.name(), zone, List.of(), List.of(), List.of(), rolloverHour);
        List<Table> tables = new ArrayList<>(ReportTables.of(PeriodReport.build(q, Scope.BRANCH, zone,
                history.tickets(from, to), history.ratings(from, to)), dir, lang));
        tables.addAll(new BranchSupervision(store, b.id(), zone, clock, today()).tables(from, to, lang));
        Html form = new Html().open("form", "method", "get", "action", "/hq/branches/" + b.id(), "class", "filters");
        form.open("label").text(HqTexts.of(lang, "from")).empty("input", "type", "date", "name", "from", "value",
                from.toString()).close("label");
        form.open("label").text(HqTexts.of(lang, "to")).empty("input", "type", "date", "name", "to", "value",
                to.toString()).close("label");
        form.element("button", HqTexts.of(lang, "show"), "type", "submit").close("form");
        return new View(HqTexts.of(lang, "reports") + " · " + b.id() + " " + b.name(), q.periodText(), form, tables,
                new Html());
    }

    private static LocalDate date(Context ctx, String name, LocalDate fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? "x" : v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date like 2026-12-01");
        }
    }
}
