package io.counterline.console.supervision;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.Sessions;
import io.counterline.console.auth.User;
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
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The correction notebook's page ({@code /supervision/notebook}): supervisors record entries and
 * review a day without names, with the counts per procedure; a teller sees their own entries.
 */
public final class NotebookPages implements ConsoleRoutes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final CorrectionNotebook notebook;
    private final AuditLog audit;
    private final Supplier<BranchDirectory> directory;
    private final Clock clock;

    public NotebookPages(CorrectionNotebook notebook, AuditLog audit, Supplier<BranchDirectory> directory, Clock clock) {
        this.notebook = notebook;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes, ReportOutput output) {
        routes.get("/supervision/notebook", this::page);
        routes.post("/supervision/notebook", this::record);
    }

    private void page(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        User u = s.user();
        String lang = u.language();
        BranchDirectory dir = directory.get();
        LocalDate today = LocalDate.now(clock.withZone(dir.zone()));
        Html h = new Html();
        if (!u.role().seesBranchFigures()) {
            audit.record(u.login(), ctx.ip(), "notebook.view", "own");
            h.open("table", "id", "own-notes").open("thead").headerRow(t(lang, "when"), t(lang, "counter"),
                    t(lang, "observed"), t(lang, "procedure")).close("thead").open("tbody");
            for (CorrectionNote n : notebook.own(u)) {
                h.row(STAMP.format(n.at().atZone(dir.zone())), dir.counterName(n.counter()), n.observed(), n.procedure());
            }
            h.close("tbody").close("table");
            ctx.html(Layout.page(lang, dir.branchName(), t(lang, "notebook"), s, h));
            return;
        }
        LocalDate day = Forms.date(ctx, "day", today);
        LocalDate from = Forms.date(ctx, "from", today.minusDays(29));
        LocalDate to = Forms.date(ctx, "to", today);
        if (to.isBefore(from) || from.plusDays(400).isBefore(to)) {
            throw new IllegalArgumentException("the period must run forwards and be at most 400 days");
        }
        audit.record(u.login(), ctx.ip(), "notebook.view", "review " + day + " counts " + from + ".." + to);
        h.open("form", "method", "get", "action", "/supervision/notebook", "class", "filters").open("label")
                .text(t(lang, "day")).empty("input", "type", "date", "name", "day", "value", day.toString()).close("label")
                .element("button", t(lang, "show"), "type", "submit").close("form");
        // The review names no one: neither the teller nor the counter (which would name them).
        h.open("section").element("h2", t(lang, "review") + " " + day).open("table", "id", "review").open("thead")
                .headerRow(t(lang, "when"), t(lang, "observed"), t(lang, "procedure")).close("thead").open("tbody");
        for (CorrectionNote n : notebook.review(u, day)) {
            h.row(TIME.format(n.at().atZone(dir.zone())), n.observed(), n.procedure());
        }
        h.close("tbody").close("table").close("section");
        h.open("section").element("h2", t(lang, "procedure-counts") + " " + from + " – " + to)
                .open("table", "id", "procedure-counts").open("thead").headerRow(t(lang, "procedure"), t(lang, "orders-n"))
                .close("thead").open("tbody");
        for (Map.Entry<String, Integer> e : notebook.countsByProcedure(u, from, to).entrySet()) {
            h.row(e.getKey(), e.getValue());
        }
        h.close("tbody").close("table").close("section");
        if (WorkOrders.supervises(u)) {
            form(h, lang, s, dir);
        }
        ctx.html(Layout.page(lang, dir.branchName(), t(lang, "notebook"), s, h));
    }

    private void form(Html h, String lang, Sessions.Current s, BranchDirectory dir) {
        h.open("section").element("h2", t(lang, "new-note"));
        h.open("form", "method", "post", "action", "/supervision/notebook", "class", "order").csrf(s.csrf());
        select(h, t(lang, "teller"), "teller", "note-teller", dir.tellers());
        select(h, t(lang, "counter"), "counter", "note-counter", dir.counters());
        h.open("label").text(t(lang, "when") + " " + t(lang, "now-if-empty")).empty("input", "type", "datetime-local",
                "name", "at", "id", "note-at").close("label");
        h.open("label").text(t(lang, "observed")).open("textarea", "name", "observed", "id", "note-observed", "maxlength",
                Integer.toString(CorrectionNotebook.MAX_OBSERVED), "rows", "3").close("textarea").close("label");
        h.open("label").text(t(lang, "procedure")).empty("input", "name", "procedure", "id", "note-procedure",
                "maxlength", Integer.toString(CorrectionNotebook.MAX_PROCEDURE)).close("label");
        h.element("button", t(lang, "save"), "type", "submit", "id", "note-save").close("form").close("section");
    }

    private void record(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        String at = Forms.field(ctx, "at", 32);
        Instant when;
        try {
            when = at.isBlank() ? clock.instant() : LocalDateTime.parse(at).atZone(directory.get().zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the time must look like 2026-12-05T10:30");
        }
        notebook.record(s.user(), ctx.ip(), Forms.field(ctx, "teller", 64), Forms.field(ctx, "counter", 64), when,
                Forms.field(ctx, "observed", CorrectionNotebook.MAX_OBSERVED), Forms.field(ctx, "procedure",
                        CorrectionNotebook.MAX_PROCEDURE));
        ctx.redirect("/supervision/notebook", HttpStatus.SEE_OTHER);
    }

    private static void select(Html h, String label, String name, String id, List<BranchDirectory.Named> list) {
        h.open("label").text(label).open("select", "name", name, "id", id);
        for (BranchDirectory.Named n : list) {
            h.element("option", n.name(), "value", n.id());
        }
        h.close("select").close("label");
    }

    private static String t(String lang, String key) {
        return SupervisionTexts.of(lang, key);
    }
}
