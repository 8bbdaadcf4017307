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
import io.counterline.console.web.ReportHtml;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Daily inspections' pages: the checklists (and a form to add one), a form to fill one (small
 * screens: one item under the other), and the daily and weekly summaries.
 */
public final class InspectionPages implements ConsoleRoutes {
    private final Inspections inspections;
    private final ConsoleStore consoleStore;
    private final AuditLog audit;
    private final Supplier<BranchDirectory> directory;
    private final Clock clock;

    public InspectionPages(Inspections inspections, ConsoleStore consoleStore, AuditLog audit,
                           Supplier<BranchDirectory> directory, Clock clock) {
        this.inspections = inspections;
        this.consoleStore = consoleStore;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes, ReportOutput output) {
        routes.get("/supervision/inspections", this::list);
        routes.post("/supervision/inspections", this::addChecklist);
        routes.get("/supervision/inspections/{checklist}", this::form);
        routes.post("/supervision/inspections/{checklist}", this::fill);
    }

    private void list(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        User u = s.user();
        if (!u.role().seesBranchFigures()) {
            throw new NotAllowed("inspections are for supervisors");
        }
        String lang = u.language();
        audit.record(u.login(), ctx.ip(), "inspection.list", u.scope().text());
        Html h = new Html();
        h.open("section").element("h2", t(lang, "checklist")).open("table", "id", "checklists").open("thead")
                .headerRow(t(lang, "checklist"), t(lang, "items"), "").close("thead").open("tbody");
        for (Checklist c : inspections.checklists()) {
            h.open("tr").element("td", c.name()).element("td", c.items().size()).open("td");
            if (WorkOrders.supervises(u)) {
                h.element("a", t(lang, "fill"), "href", "/supervision/inspections/" + c.id(), "id", "fill-" + c.id());
            }
            h.close("td").close("tr");
        }
        h.close("tbody").close("table").close("section");
        LocalDate today = LocalDate.now(clock.withZone(directory.get().zone()));
        h.append(ReportHtml.tables(List.of(inspections.summary(u, today.minusDays(13), today, false, lang),
                inspections.summary(u, today.minusWeeks(8), today, true, lang))));
        if (WorkOrders.supervises(u)) {
            h.open("section").element("h2", t(lang, "new-checklist"))
                    .open("form", "method", "post", "action", "/supervision/inspections", "class", "order").csrf(s.csrf())
                    .open("label").text(t(lang, "checklist")).empty("input", "name", "name", "id", "checklist-name",
                            "maxlength", "100").close("label")
                    .open("label").text(t(lang, "items-one-a-line")).open("textarea", "name", "items", "id",
                            "checklist-items", "rows", "6").close("textarea").close("label")
                    .element("button", t(lang, "save"), "type", "submit", "id", "checklist-save").close("form")
                    .close("section");
        }
        ctx.html(Layout.page(lang, directory.get().branchName(), t(lang, "inspections"), s, h));
    }

    private void addChecklist(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        inspections.addChecklist(s.user(), ctx.ip(), Forms.field(ctx, "name", 100),
                Forms.field(ctx, "items", Inspections.MAX_ITEMS * (Inspections.MAX_ITEM + 2)));
        ctx.redirect("/supervision/inspections", HttpStatus.SEE_OTHER);
    }

    private void form(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        User u = s.user();
        if (!WorkOrders.supervises(u)) {
            throw new NotAllowed("only supervisors fill inspections");
        }
        String lang = u.language();
        Checklist c = checklist(ctx);
        Html h = new Html();
        h.open("form", "method", "post", "action", "/supervision/inspections/" + c.id(), "class", "order").csrf(s.csrf());
        h.open("label").text(SupervisionTexts.of(lang, "counter")).open("select", "name", "counter", "id", "counter")
                .element("option", "", "value", "");
        for (BranchDirectory.Named n : directory.get().counters()) {
            h.element("option", n.name(), "value", n.id());
        }
        h.close("select").close("label");
        List<User> owners = consoleStore.users().stream().filter(x -> !x.disabled() && x.role() != Role.AUDITOR).toList();
        for (int i = 0; i < c.items().size(); i++) {
            h.open("fieldset", "class", "item").element("legend", (i + 1) + ". " + c.items().get(i));
            h.open("select", "name", "result-" + i, "id", "result-" + i).element("option", t(lang, "pass"), "value", "pass")
                    .element("option", t(lang, "fail"), "value", "fail").close("select");
            h.open("label").text(t(lang, "note")).empty("input", "name", "note-" + i, "id", "note-" + i, "maxlength",
                    Integer.toString(Inspections.MAX_NOTE)).close("label");
            h.open("label").text(t(lang, "owner-if-failed")).open("select", "name", "owner-" + i, "id", "owner-" + i)
                    .element("option", "", "value", "");
            for (User x : owners) {
                h.element("option", x.name() + " (" + x.login() + ")", "value", x.login());
            }
            h.close("select").close("label").close("fieldset");
        }
        h.element("button", t(lang, "save"), "type", "submit", "id", "inspection-save").close("form");
        ctx.html(Layout.page(lang, directory.get().branchName(), t(lang, "inspection") + " · " + c.name(), s, h));
    }

    private void fill(Context ctx) throws SQLException {
        Sessions.Current s = ConsoleServer.signedIn(ctx);
        Checklist c = checklist(ctx);
        List<Inspections.Result> results = new ArrayList<>();
        for (int i = 0; i < c.items().size(); i++) {
            String r = Forms.field(ctx, "result-" + i, 8);
            if (!r.equals("pass") && !r.equals("fail")) {
                throw new IllegalArgumentException("item " + (i + 1) + " needs pass or fail");
            }
            results.add(new Inspections.Result(r.equals("pass"), Forms.field(ctx, "note-" + i, Inspections.MAX_NOTE),
                    Forms.field(ctx, "owner-" + i, 64)));
        }
        inspections.fill(s.user(), ctx.ip(), c.id(), Forms.field(ctx, "counter", 64), results);
        ctx.redirect("/supervision/inspections", HttpStatus.SEE_OTHER);
    }

    private Checklist checklist(Context ctx) throws SQLException {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("checklist"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no such checklist");
        }
        return inspections.checklists().stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such checklist"));
    }

    private static String t(String lang, String key) {
        return SupervisionTexts.of(lang, key);
    }
}
