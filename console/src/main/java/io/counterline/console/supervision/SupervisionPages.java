package io.counterline.console.supervision;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Sessions;
import io.counterline.console.auth.User;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.web.ConsoleRoutes;
import io.counterline.console.web.ConsoleServer;
import io.counterline.console.web.Html;
import io.counterline.console.web.Layout;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Supervision's pages in the console: the work orders (list, creation, one order with its history
 * and the steps the user may take), the notices, and the business calendar with the settings.
 * Every page is built with {@link Html} (escaped); every change is a POST behind the console's
 * CSRF check and is audited by {@link WorkOrders} or here.
 */
public final class SupervisionPages implements ConsoleRoutes {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final WorkOrders orders;
    private final Inspections inspections;
    private final CorrectionNotebook notebook;
    private final SupervisionStore store;
    private final ConsoleStore consoleStore;
    private final AuditLog audit;
    private final Supplier<BranchDirectory> directory;
    private final Clock clock;

    public SupervisionPages(WorkOrders orders, Inspections inspections, CorrectionNotebook notebook,
                            SupervisionStore store, ConsoleStore consoleStore, AuditLog audit,
                            Supplier<BranchDirectory> directory, Clock clock) {
        this.orders = orders;
        this.inspections = inspections;
        this.notebook = notebook;
        this.store = store;
        this.consoleStore = consoleStore;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes, ReportOutput output) {
        routes.get("/supervision", this::list);
        routes.get("/supervision/report", ctx -> report(ctx, "page", output));
        for (String form : List.of("print", "pdf", "csv", "xlsx")) {
            routes.get("/supervision/report" + (form.equals("print") ? "/print" : "/export." + form),
                    ctx -> report(ctx, form, output));
        }
        routes.post("/supervision/orders", this::create);
        routes.get("/supervision/orders/{id}", this::show);
        routes.post("/supervision/orders/{id}/{action}", this::act);
        routes.get("/supervision/calendar", this::calendar);
        routes.post("/supervision/calendar", this::putDay);
        routes.post("/supervision/calendar/{day}/remove", this::removeDay);
        routes.post("/supervision/settings", this::saveSettings);
        routes.post("/supervision/categories/{id}", this::setLimit);
        routes.exception(NotAllowed.class, (e, ctx) -> {
            Sessions.Current s = ConsoleServer.signedIn(ctx);
            audit.record(s.user().login(), ctx.ip(), "forbidden", ctx.method().name() + " " + ctx.path());
            ctx.status(HttpStatus.FORBIDDEN).html(Layout.message(s.user().language(), directory.get().branchName(), s,
                    "403 Forbidden", e.getMessage()));
        });
    }

    // ---------------------------------------------------------------- orders

    private void list(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        User u = s.user();
        String lang = u.language();
        List<WorkOrder> visible = orders.visible(u);
        audit.record(u.login(), ctx.ip(), "order.list", u.scope().text());
        Html h = new Html();
        notices(h, lang, u);
        h.open("section").element("h2", t(lang, "orders")).open("table", "id", "orders").open("thead")
                .headerRow("#", t(lang, "category"), t(lang, "channel"), t(lang, "state"), t(lang, "priority"),
                        t(lang, "counter"), t(lang, "teller"), t(lang, "owner"), t(lang, "deadline"))
                .close("thead").open("tbody");
        Instant now = clock.instant();
        Map<String, Category> cats = categories();
        for (WorkOrder o : visible) {
            boolean overdue = o.state().open() && now.isAfter(o.deadline());
            h.open("tr", "id", "order-" + o.id(), "class", overdue ? "overdue" : null).open("td")
                    .element("a", Long.toString(o.id()), "href", "/supervision/orders/" + o.id()).close("td")
                    .element("td", label(cats, o.category(), lang)).element("td", SupervisionTexts.channel(lang, o.channel()))
                    .element("td", o.state().label(lang), "class", "state").element("td", t(lang, o.priority()))
                    .element("td", directory.get().counterName(o.counter())).element("td", directory.get().tellerName(o.teller()))
                    .element("td", o.owner() == null ? "" : o.owner())
                    .element("td", stamp(o.deadline()) + (overdue ? " · " + t(lang, "overdue") : "")).close("tr");
        }
        h.close("tbody").close("table").close("section");
        if (WorkOrders.supervises(u)) {
            createForm(h, lang, s);
        }
        h.open("p").element("a", t(lang, "calendar"), "href", "/supervision/calendar", "id", "calendar-link");
        if (u.role().seesBranchFigures()) {
            h.text(" · ").element("a", t(lang, "report"), "href", "/supervision/report", "id", "report-link");
        }
        h.text(" · ").element("a", t(lang, "notebook"), "href", "/supervision/notebook", "id", "notebook-link");
        if (u.role().seesBranchFigures()) {
            h.text(" · ").element("a", t(lang, "inspections"), "href", "/supervision/inspections", "id",
                    "inspections-link");
        }
        h.close("p");
        ctx.html(Layout.page(lang, directory.get().branchName(), t(lang, "supervision"), s, h));
    }

    private void createForm(Html h, String lang, Sessions.Current s) throws SQLException {
        BranchDirectory dir = directory.get();
        h.open("section").element("h2", t(lang, "new-order"));
        h.open("form", "method", "post", "action", "/supervision/orders", "class", "order").csrf(s.csrf());
        h.open("label").text(t(lang, "category")).open("select", "name", "category", "id", "category");
        for (Category c : orders.categories()) {
            h.element("option", c.label(lang) + " (" + c.limit() + ")", "value", c.id());
        }
        h.close("select").close("label");
        options(h, t(lang, "channel"), "channel", List.of("phone", "letter", "counter"),
                List.of(t(lang, "phone"), t(lang, "letter"), t(lang, "counter-channel")));
        options(h, t(lang, "priority"), "priority", List.of("normal", "high", "urgent"),
                List.of(t(lang, "normal"), t(lang, "high"), t(lang, "urgent")));
        h.open("label").text(t(lang, "description")).open("textarea", "name", "description", "id", "description",
                "maxlength", Integer.toString(WorkOrders.MAX_TEXT), "rows", "4").close("textarea").close("label");
        h.open("label").text(t(lang, "contact")).empty("input", "name", "contact", "id", "contact", "maxlength",
                Integer.toString(WorkOrders.MAX_CONTACT)).close("label");
        h.open("label").text(t(lang, "ticket")).empty("input", "name", "ticket", "id", "ticket", "maxlength", "64")
                .close("label");
        named(h, t(lang, "counter"), "counter", dir.counters());
        named(h, t(lang, "teller"), "teller", dir.tellers());
        owners(h, lang, "owner");
        h.open("label").text(t(lang, "deadline") + " " + t(lang, "deadline-default"))
                .empty("input", "type", "datetime-local", "name", "deadline", "id", "deadline").close("label");
        h.element("button", t(lang, "create"), "type", "submit", "id", "create-order").close("form").close("section");
    }

    private void create(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        String deadline = Forms.field(ctx, "deadline", 32);
        Instant due = null;
        if (!deadline.isBlank()) {
            try {
                due = LocalDateTime.parse(deadline).atZone(directory.get().zone()).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("deadline must be a date and time like 2026-12-07T17:00");
            }
        }
        long id = orders.create(s.user(), ctx.ip(), new WorkOrders.Draft(Forms.field(ctx, "category", 64),
                Forms.field(ctx, "channel", 16), Forms.field(ctx, "priority", 16), Forms.field(ctx, "description", WorkOrders.MAX_TEXT),
                Forms.field(ctx, "contact", WorkOrders.MAX_CONTACT), Forms.field(ctx, "ticket", 64), Forms.field(ctx, "counter", 64),
                Forms.field(ctx, "teller", 64), Forms.field(ctx, "owner", 64), due));
        ctx.redirect("/supervision/orders/" + id, HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        User u = s.user();
        String lang = u.language();
        WorkOrder o = orders.get(u, orderId(ctx));
        audit.record(u.login(), ctx.ip(), "order.view", "work-order " + o.id());
        Map<String, Category> cats = categories();
        boolean overdue = o.state().open() && clock.instant().isAfter(o.deadline());
        Html h = new Html();
        h.open("table", "id", "order", "class", "fields").open("tbody")
                .row(t(lang, "category"), label(cats, o.category(), lang))
                .row(t(lang, "channel"), SupervisionTexts.channel(lang, o.channel()))
                .open("tr").element("td", t(lang, "state")).element("td", o.state().label(lang), "id", "state").close("tr")
                .row(t(lang, "priority"), t(lang, o.priority()))
                .open("tr").element("td", t(lang, "description")).element("td", o.description(), "id", "description")
                .close("tr")
                .open("tr").element("td", t(lang, "contact")).element("td", WorkOrders.seesContact(u, o) ? o.contact()
                        : t(lang, "contact-hidden"), "id", "contact").close("tr")
                .row(t(lang, "ticket"), o.ticket() == null ? "" : o.ticket())
                .row(t(lang, "counter"), directory.get().counterName(o.counter()))
                .row(t(lang, "teller"), directory.get().tellerName(o.teller()))
                .open("tr").element("td", t(lang, "owner")).element("td", o.owner() == null ? "" : o.owner(), "id", "order-owner")
                .close("tr")
                .row(t(lang, "deadline"), stamp(o.deadline()) + (overdue ? " · " + t(lang, "overdue") : ""))
                .close("tbody").close("table");
        if (store.voiceNote(o.id()).isPresent()) {
            // Whoever sees the order hears its note (docs/recording.md "Voice notes").
            h.open("section", "id", "voice-note").element("h2", t(lang, "voice-note"))
                    .element("audio", "", "controls", "controls", "preload", "none", "src",
                            "/recordings/voice-notes/" + o.id(), "id", "voice-note-audio")
                    .element("p", t(lang, "voice-note-hint"), "class", "hint").close("section");
        }
        if (u.role().playsRecordings()) {
            // The recordings of the order's ticket and those held for it (docs/recording.md).
            h.open("p").element("a", io.counterline.console.web.Texts.of(lang, "recordings"), "href",
                    "/recordings?order=" + o.id(), "id", "order-recordings").close("p");
        }
        h.open("section").element("h2", t(lang, "history")).open("table", "id", "history").open("thead")
                .headerRow(t(lang, "when"), t(lang, "who"), t(lang, "step"), t(lang, "state"), t(lang, "owner"),
                        t(lang, "note"))
                .close("thead").open("tbody");
        for (OrderStep st : orders.steps(o.id())) {
            h.row(stamp(st.at()), st.actor(), stepLabel(st.action(), lang), st.state().label(lang),
                    st.owner() == null ? "" : st.owner(), st.note());
        }
        h.close("tbody").close("table").close("section");
        for (OrderAction a : OrderAction.values()) {
            if (a.allowedFrom(o.state()) && mayTry(u, o, a)) {
                h.open("form", "method", "post", "action", "/supervision/orders/" + o.id() + "/" + a.wire(),
                        "class", "step").csrf(s.csrf());
                if (a == OrderAction.ASSIGN) {
                    owners(h, lang, "assign-owner");
                }
                h.open("label").text(t(lang, "note")).open("textarea", "name", "note", "id", "note-" + a.wire(),
                        "maxlength", Integer.toString(WorkOrders.MAX_TEXT), "rows", "2").close("textarea").close("label");
                h.element("button", a.label(lang), "type", "submit", "id", "act-" + a.wire()).close("form");
            }
        }
        ctx.html(Layout.page(lang, directory.get().branchName(), t(lang, "order") + " " + o.id(), s, h));
    }

    private void act(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        long id = orderId(ctx);
        orders.act(s.user(), ctx.ip(), id, OrderAction.of(ctx.pathParam("action")), Forms.field(ctx, "owner", 64),
                Forms.field(ctx, "note", WorkOrders.MAX_TEXT));
        ctx.redirect("/supervision/orders/" + id, HttpStatus.SEE_OTHER);
    }

    /** Shows only the buttons the user may press; {@link WorkOrders#act} checks again. */
    private static boolean mayTry(User u, WorkOrder o, OrderAction a) {
        return switch (a) {
            case ASSIGN, CLOSE, REOPEN -> WorkOrders.supervises(u);
            case START, ANSWER -> WorkOrders.supervises(u) || u.login().equals(o.owner());
            case NOTE -> u.role() != Role.AUDITOR;
        };
    }

    private void notices(Html h, String lang, User u) throws SQLException {
        List<Notice> mine = new java.util.ArrayList<>();
        for (Notice n : store.notices(200)) {
            // Supervisors and the auditor: the notices of the orders they see; others: what is addressed to them.
            boolean shown = n.recipient().equals(u.login()) || u.role().seesBranchFigures()
                    && store.order(n.orderId()).filter(o -> WorkOrders.maySee(u, o)).isPresent();
            if (shown && mine.size() < 50) {
                mine.add(n);
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        h.open("section").element("h2", t(lang, "notices")).open("table", "id", "notices").open("thead")
                .headerRow(t(lang, "level"), t(lang, "order"), t(lang, "recipient"), t(lang, "due"), t(lang, "raised"))
                .close("thead").open("tbody");
        for (Notice n : mine) {
            h.open("tr", "class", "notice " + n.level().wire()).element("td", n.level().label(lang)).open("td")
                    .element("a", Long.toString(n.orderId()), "href", "/supervision/orders/" + n.orderId()).close("td")
                    .element("td", n.recipient()).element("td", stamp(n.dueAt())).element("td", stamp(n.raisedAt()))
                    .close("tr");
        }
        h.close("tbody").close("table").close("section");
    }

    // ---------------------------------------------------------------- report

    private void report(Context ctx, String form, ReportOutput output) throws Exception {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        User u = s.user();
        if (!u.role().seesBranchFigures()) {
            throw new NotAllowed("the supervision report is for supervisors");
        }
        String lang = u.language();
        java.time.ZoneId zone = directory.get().zone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate from = Forms.date(ctx, "from", today.withDayOfMonth(1));
        LocalDate to = Forms.date(ctx, "to", today);
        if (to.isBefore(from) || from.plusDays(400).isBefore(to)) {
            throw new IllegalArgumentException("the period must run forwards and be at most 400 days");
        }
        List<WorkOrder> in = store.ordersCreated(from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant()).stream().filter(o -> WorkOrders.maySee(u, o)).toList();
        List<io.counterline.console.report.ReportTables.Table> tables = new java.util.ArrayList<>(SupervisionReport.of(in,
                categories(), directory.get(), clock.instant(), lang));
        tables.add(inspections.summary(u, from, to, false, lang));
        List<List<String>> counts = new java.util.ArrayList<>();
        notebook.countsByProcedure(u, from, to).forEach((k, v) -> counts.add(List.of(k, Integer.toString(v))));
        tables.add(new io.counterline.console.report.ReportTables.Table(t(lang, "procedure-counts"),
                List.of(t(lang, "procedure"), t(lang, "orders-n")), counts));
        String period = from + " – " + to;
        String what = "/supervision/report " + from + ".." + to;
        if (!form.equals("page")) {
            output.send(ctx, s, form, t(lang, "report"), period, what, tables, "supervision-" + from + "_" + to);
            return;
        }
        audit.record(u.login(), ctx.ip(), "report.view", what);
        String query = "from=" + from + "&to=" + to;
        Html h = new Html();
        h.open("form", "method", "get", "action", "/supervision/report", "class", "filters")
                .open("label").text(t(lang, "from")).empty("input", "type", "date", "name", "from", "value",
                        from.toString()).close("label")
                .open("label").text(t(lang, "to")).empty("input", "type", "date", "name", "to", "value", to.toString())
                .close("label").element("button", t(lang, "show"), "type", "submit").close("form");
        h.open("p", "class", "exports").element("a", t(lang, "print"), "href", "/supervision/report/print?" + query,
                "id", "print");
        for (String ext : List.of("pdf", "csv", "xlsx")) {
            h.element("a", ext.toUpperCase(java.util.Locale.ROOT), "href", "/supervision/report/export." + ext + "?"
                    + query, "id", "export-" + ext);
        }
        h.close("p");
        h.append(io.counterline.console.web.ReportHtml.tables(tables));
        ctx.html(Layout.page(lang, directory.get().branchName(), t(lang, "report"), s, h));
    }

    // ---------------------------------------------------------------- calendar and settings

    private void calendar(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        User u = s.user();
        if (!u.role().seesBranchFigures()) {
            throw new NotAllowed("the calendar is for supervisors");
        }
        String lang = u.language();
        boolean admin = u.role().administers();
        Html h = new Html();
        h.open("section").element("h2", t(lang, "categories")).open("table", "id", "categories").open("thead")
                .headerRow(t(lang, "category"), t(lang, "limit")).close("thead").open("tbody");
        for (Category c : orders.categories()) {
            h.open("tr", "id", "category-" + c.id()).element("td", c.label(lang)).element("td", c.limit(), "class", "limit")
                    .open("td");
            if (admin) {
                h.open("form", "method", "post", "action", "/supervision/categories/" + c.id(), "class", "inline")
                        .csrf(s.csrf()).empty("input", "name", "limit", "id", "limit-" + c.id(), "maxlength", "4",
                                "size", "4").element("button", t(lang, "save"), "type", "submit", "id", "limit-save-"
                                + c.id()).close("form");
            }
            h.close("td").close("tr");
        }
        h.close("tbody").close("table").close("section");
        h.open("section").element("h2", t(lang, "calendar")).open("table", "id", "calendar").open("thead")
                .headerRow(t(lang, "day"), t(lang, "kind"), t(lang, "note"), t(lang, "who"), "").close("thead")
                .open("tbody");
        for (SupervisionStore.CalendarDay d : store.calendarDays()) {
            h.open("tr").element("td", d.day().toString()).element("td", t(lang, d.working() ? "workday" : "holiday"))
                    .element("td", d.note()).element("td", d.changedBy()).open("td");
            if (admin) {
                h.open("form", "method", "post", "action", "/supervision/calendar/" + d.day() + "/remove", "class",
                        "inline").csrf(s.csrf()).element("button", t(lang, "remove"), "type", "submit").close("form");
            }
            h.close("td").close("tr");
        }
        h.close("tbody").close("table");
        if (admin) {
            h.open("form", "method", "post", "action", "/supervision/calendar", "class", "filters").csrf(s.csrf())
                    .open("label").text(t(lang, "day")).empty("input", "type", "date", "name", "day", "id", "cal-day")
                    .close("label");
            options(h, t(lang, "kind"), "kind", List.of("holiday", "workday"), List.of(t(lang, "holiday"),
                    t(lang, "workday")));
            h.open("label").text(t(lang, "note")).empty("input", "name", "note", "maxlength", "200").close("label")
                    .element("button", t(lang, "save"), "type", "submit", "id", "cal-save").close("form");
        }
        h.close("section");
        Map<String, String> settings = store.settings();
        h.open("section").element("h2", t(lang, "settings"));
        h.open("form", "method", "post", "action", "/supervision/settings", "class", "filters").csrf(s.csrf());
        for (String key : List.of("workday-start", "workday-end", "reminder-before", "second-level-after",
                "order-on-dissatisfied")) {
            h.open("label").text(t(lang, key)).empty("input", "name", key, "value", settings.getOrDefault(key, ""),
                    "maxlength", "8", "disabled", admin ? null : "disabled").close("label");
        }
        if (admin) {
            h.element("button", t(lang, "save"), "type", "submit", "id", "settings-save");
        }
        h.close("form").close("section");
        ctx.html(Layout.page(lang, directory.get().branchName(), t(lang, "calendar"), s, h));
    }

    private void setLimit(Context ctx) throws SQLException {
        User u = admin(ctx);
        String id = ctx.pathParam("id");
        String before = orders.categories().stream().filter(c -> c.id().equals(id)).map(Category::limit).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown category '" + id + "'"));
        String limit = Category.limit(Forms.field(ctx, "limit", 4));
        store.setCategoryLimit(id, limit);
        audit.record(u.login(), ctx.ip(), "category.limit", "category " + id, before, limit);
        ctx.redirect("/supervision/calendar", HttpStatus.SEE_OTHER);
    }

    private void putDay(Context ctx) throws SQLException {
        User u = admin(ctx);
        LocalDate day = Forms.day(Forms.field(ctx, "day", 10));
        String kind = Forms.field(ctx, "kind", 16);
        if (!kind.equals("holiday") && !kind.equals("workday")) {
            throw new IllegalArgumentException("kind must be holiday or workday");
        }
        String note = Forms.field(ctx, "note", 200).strip();
        store.putCalendarDay(new SupervisionStore.CalendarDay(day, kind.equals("workday"), note, u.login()),
                clock.instant());
        audit.record(u.login(), ctx.ip(), "calendar.set", day.toString(), null, kind + " " + note);
        ctx.redirect("/supervision/calendar", HttpStatus.SEE_OTHER);
    }

    private void removeDay(Context ctx) throws SQLException {
        User u = admin(ctx);
        LocalDate day = Forms.day(ctx.pathParam("day"));
        if (store.removeCalendarDay(day)) {
            audit.record(u.login(), ctx.ip(), "calendar.remove", day.toString());
        }
        ctx.redirect("/supervision/calendar", HttpStatus.SEE_OTHER);
    }

    private void saveSettings(Context ctx) throws SQLException {
        User u = admin(ctx);
        Map<String, String> before = store.settings();
        String start = time(Forms.field(ctx, "workday-start", 5));
        String end = time(Forms.field(ctx, "workday-end", 5));
        BusinessCalendar probe = new BusinessCalendar(directory.get().zone(), LocalTime.parse(start), LocalTime.parse(end),
                Map.of());
        String reminder = Forms.field(ctx, "reminder-before", 8).trim();
        String second = Forms.field(ctx, "second-level-after", 8).trim();
        probe.minutes(reminder);
        probe.minutes(second);
        String auto = Forms.field(ctx, "order-on-dissatisfied", 8).trim();
        if (!auto.equals("true") && !auto.equals("false")) {
            throw new IllegalArgumentException("order-on-dissatisfied must be true or false");
        }
        Map<String, String> after = Map.of("workday-start", start, "workday-end", end, "reminder-before", reminder,
                "second-level-after", second, "order-on-dissatisfied", auto);
        for (Map.Entry<String, String> e : after.entrySet()) {
            store.setSetting(e.getKey(), e.getValue());
        }
        audit.record(u.login(), ctx.ip(), "supervision.settings", "settings", before.toString(),
                new java.util.TreeMap<>(after).toString());
        ctx.redirect("/supervision/calendar", HttpStatus.SEE_OTHER);
    }

    // ---------------------------------------------------------------- helpers

    private static User admin(Context ctx) {
        User u = ConsoleServer.signedIn(ctx).user();
        if (!u.role().administers()) {
            throw new NotAllowed("only the admin edits the calendar and the settings");
        }
        return u;
    }

    private void owners(Html h, String lang, String id) throws SQLException {
        h.open("label").text(t(lang, "owner")).open("select", "name", "owner", "id", id).element("option", "", "value", "");
        for (User x : consoleStore.users()) {
            if (!x.disabled() && x.role() != Role.AUDITOR) {
                h.element("option", x.name() + " (" + x.login() + ")", "value", x.login());
            }
        }
        h.close("select").close("label");
    }

    private static void options(Html h, String label, String name, List<String> values, List<String> labels) {
        h.open("label").text(label).open("select", "name", name, "id", name);
        for (int i = 0; i < values.size(); i++) {
            h.element("option", labels.get(i), "value", values.get(i));
        }
        h.close("select").close("label");
    }

    private static void named(Html h, String label, String name, List<BranchDirectory.Named> list) {
        h.open("label").text(label).open("select", "name", name, "id", name).element("option", "", "value", "");
        for (BranchDirectory.Named n : list) {
            h.element("option", n.name(), "value", n.id());
        }
        h.close("select").close("label");
    }

    private Map<String, Category> categories() throws SQLException {
        Map<String, Category> m = new java.util.HashMap<>();
        orders.categories().forEach(c -> m.put(c.id(), c));
        return m;
    }

    private static String label(Map<String, Category> cats, String id, String lang) {
        Category c = cats.get(id);
        return c == null ? id : c.label(lang);
    }

    private static String stepLabel(String action, String lang) {
        return action.equals("create") ? SupervisionTexts.of(lang, "create") : OrderAction.of(action).label(lang);
    }

    private String stamp(Instant i) {
        return i == null ? "" : STAMP.format(i.atZone(directory.get().zone()));
    }

    private static String t(String lang, String key) {
        return SupervisionTexts.of(lang, key);
    }

    private static long orderId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no such work order");
        }
    }

    private static String time(String v) {
        try {
            return LocalTime.parse(v.trim()).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a working-day time looks like 09:00, was '" + v + "'");
        }
    }
}
