package io.counterline.console.web;

import io.counterline.console.BranchDirectory;
import io.counterline.console.auth.LoginThrottle;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.User;
import io.counterline.console.report.ReportQuery;
import io.counterline.console.report.ReportTables;
import io.counterline.console.report.ReportTables.Table;
import io.counterline.console.report.Rankings;
import io.counterline.console.staff.Staff;
import io.counterline.console.store.ConsoleStore.AuditEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The bodies of the console's pages, built with {@link Html} (everything escaped). */
public final class Pages {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Pages() {
    }

    static Html login(String lang, String preToken, String error) {
        Html h = new Html();
        if (error != null) {
            h.element("p", error, "class", "error", "id", "login-error");
        }
        h.open("form", "method", "post", "action", "/login", "class", "login").csrf(preToken)
                .open("label").text(Texts.of(lang, "user"))
                .empty("input", "name", "login", "id", "login", "autocomplete", "username", "maxlength", "64").close("label")
                .open("label").text(Texts.of(lang, "password"))
                .empty("input", "name", "password", "id", "password", "type", "password", "autocomplete",
                        "current-password", "maxlength", "200").close("label")
                .element("button", Texts.of(lang, "login"), "type", "submit", "id", "submit").close("form");
        return h;
    }

    static Html monitor(String lang) {
        Html h = new Html();
        h.open("section").element("h2", Texts.of(lang, "today"));
        h.open("p", "id", "day").element("span", Texts.of(lang, "issued") + " ")
                .element("b", "0", "id", "issued").text("  ").element("span", Texts.of(lang, "served") + " ")
                .element("b", "0", "id", "served").text("  ").element("span", Texts.of(lang, "no-show") + " ")
                .element("b", "0", "id", "no-show").close("p");
        h.element("p", "", "id", "stream-state", "class", "muted").close("section");
        table(h, "counters", Texts.of(lang, "counters"), List.of(Texts.of(lang, "counter"), Texts.of(lang, "status"),
                Texts.of(lang, "teller"), Texts.of(lang, "ticket"), Texts.of(lang, "since"), Texts.of(lang, "pause-reason")));
        table(h, "services", Texts.of(lang, "services"), List.of(Texts.of(lang, "service"), Texts.of(lang, "waiting"),
                Texts.of(lang, "longest-wait")));
        table(h, "notices", Texts.of(lang, "monitor-notices"), List.of(Texts.of(lang, "time"),
                Texts.of(lang, "monitor-notice-level"), Texts.of(lang, "monitor-notice-order"), Texts.of(lang, "counter"),
                Texts.of(lang, "monitor-notice-deadline"), Texts.of(lang, "monitor-notice-to")));
        table(h, "ratings", Texts.of(lang, "ratings"), List.of(Texts.of(lang, "time"), Texts.of(lang, "counter"),
                Texts.of(lang, "teller"), Texts.of(lang, "level"), Texts.of(lang, "recordings")));
        table(h, "devices", Texts.of(lang, "devices"), List.of(Texts.of(lang, "device"), Texts.of(lang, "online"),
                Texts.of(lang, "health"), Texts.of(lang, "time")));
        return h;
    }

    private static void table(Html h, String id, String title, List<String> headers) {
        h.open("section").element("h2", title).open("table", "id", id).open("thead").headerRow(headers.toArray())
                .close("thead").open("tbody").close("tbody").close("table").close("section");
    }

    static Html reportForm(String lang, String action, ReportQuery q, BranchDirectory dir, boolean filters) {
        Html h = new Html();
        h.open("form", "method", "get", "action", action, "class", "filters");
        h.open("label").text(Texts.of(lang, "from")).empty("input", "type", "date", "name", "from", "value",
                q.from().toString()).close("label");
        h.open("label").text(Texts.of(lang, "to")).empty("input", "type", "date", "name", "to", "value",
                q.to().toString()).close("label");
        if (filters) {
            select(h, lang, "teller", Texts.of(lang, "teller"), dir.tellers(), q.teller().orElse(""));
            select(h, lang, "counter", Texts.of(lang, "counter"), dir.counters(), q.counter().orElse(""));
            select(h, lang, "service", Texts.of(lang, "service"), dir.services(), q.service().orElse(""));
        }
        h.element("button", Texts.of(lang, "show"), "type", "submit").close("form");
        return h;
    }

    private static void select(Html h, String lang, String name, String label, List<BranchDirectory.Named> options,
                               String chosen) {
        h.open("label").text(label).open("select", "name", name).element("option", Texts.of(lang, "all"), "value", "");
        for (BranchDirectory.Named n : options) {
            h.element("option", n.name(), "value", n.id(), "selected", n.id().equals(chosen) ? "selected" : null);
        }
        h.close("select").close("label");
    }

    public static Html exportLinks(String lang, String base, String query) {
        Html h = new Html();
        h.open("p", "class", "exports");
        h.element("a", Texts.of(lang, "print"), "href", base + "/print?" + query, "id", "print");
        h.element("a", "PDF", "href", base + "/export.pdf?" + query, "id", "export-pdf");
        h.element("a", "CSV", "href", base + "/export.csv?" + query, "id", "export-csv");
        h.element("a", "XLSX", "href", base + "/export.xlsx?" + query, "id", "export-xlsx");
        return h.close("p");
    }

    /** The report tables as the console shows them (a feature's pages reuse it). */
    public static Html tables(List<Table> tables) {
        Html h = new Html();
        int n = 0;
        for (Table t : tables) {
            h.open("section").element("h2", t.title());
            h.open("table", "class", "figures", "id", "table-" + (n++)).open("thead").headerRow(t.headers().toArray())
                    .close("thead").open("tbody");
            for (List<String> row : t.rows()) {
                h.row(row.toArray());
            }
            h.close("tbody").close("table").close("section");
        }
        return h;
    }

    static Html rankings(String lang, String month, Rankings r, BranchDirectory dir) {
        Html h = new Html();
        h.open("form", "method", "get", "action", "/rankings", "class", "filters").open("label")
                .text(Texts.of(lang, "month")).empty("input", "type", "month", "name", "month", "value", month)
                .close("label").element("button", Texts.of(lang, "show"), "type", "submit").close("form");
        return h.append(tables(ReportTables.rankings(r, dir, lang)));
    }

    static Html audit(String lang, List<AuditEntry> entries, ZoneId zone) {
        Html h = new Html();
        h.open("table", "id", "audit", "class", "figures").open("thead").headerRow(Texts.of(lang, "time"),
                Texts.of(lang, "actor"), Texts.of(lang, "address"), Texts.of(lang, "action"), Texts.of(lang, "target"),
                Texts.of(lang, "before"), Texts.of(lang, "after")).close("thead").open("tbody");
        for (AuditEntry e : entries) {
            h.row(STAMP.format(e.at().atZone(zone)), e.actor(), e.ip(), e.action(), e.target(), e.before(), e.after());
        }
        return h.close("tbody").close("table");
    }

    static Html users(String lang, List<User> users, List<LoginThrottle.Entry> throttled, String csrf,
                      BranchDirectory dir, ZoneId zone, String error) {
        Html h = new Html();
        if (error != null) {
            h.element("p", error, "class", "error", "id", "user-error");
        }
        h.open("table", "id", "users", "class", "figures").open("thead").headerRow(Texts.of(lang, "user"),
                Texts.of(lang, "name"), Texts.of(lang, "role"), Texts.of(lang, "scope"), Texts.of(lang, "teller"),
                Texts.of(lang, "language"), Texts.of(lang, "disabled"), "", "").close("thead").open("tbody");
        for (User u : users) {
            h.open("tr").element("td", u.login()).element("td", u.name()).element("td", u.role().label(lang))
                    .element("td", u.scope().text()).element("td", u.teller().map(dir::tellerName).orElse(""))
                    .element("td", u.language()).element("td", u.disabled() ? "✓" : "").open("td");
            if (!u.disabled()) {
                h.open("form", "method", "post", "action", "/admin/users/" + u.id() + "/disable").csrf(csrf)
                        .element("button", Texts.of(lang, "disable"), "type", "submit").close("form");
            }
            h.close("td").open("td").open("form", "method", "post", "action", "/admin/users/" + u.id() + "/password",
                    "id", "reset-password-" + u.login()).csrf(csrf)
                    .empty("input", "name", "password", "type", "password", "maxlength", "200", "autocomplete",
                            "new-password", "placeholder", Texts.of(lang, "password-blank-generates"))
                    .element("button", Texts.of(lang, "reset-password"), "type", "submit").close("form");
            h.close("td").close("tr");
        }
        h.close("tbody").close("table");
        h.element("h2", Texts.of(lang, "add-user"));
        h.open("form", "method", "post", "action", "/admin/users", "class", "filters", "id", "add-user").csrf(csrf);
        input(h, Texts.of(lang, "user"), "login", "text");
        input(h, Texts.of(lang, "name"), "name", "text");
        h.open("label").text(Texts.of(lang, "role")).open("select", "name", "role");
        for (Role r : Role.values()) {
            h.element("option", r.label(lang), "value", r.wire());
        }
        h.close("select").close("label");
        input(h, Texts.of(lang, "scope"), "scope", "text");
        h.open("label").text(Texts.of(lang, "teller")).open("select", "name", "teller").element("option", "", "value", "");
        for (BranchDirectory.Named t : dir.tellers()) {
            h.element("option", t.name(), "value", t.id());
        }
        h.close("select").close("label");
        h.open("label").text(Texts.of(lang, "language")).open("select", "name", "language")
                .element("option", "中文", "value", "zh").element("option", "English", "value", "en").close("select")
                .close("label");
        input(h, Texts.of(lang, "password"), "password", "password");
        h.element("button", Texts.of(lang, "add-user"), "type", "submit").close("form");
        h.element("h2", Texts.of(lang, "throttled"));
        h.open("table", "id", "throttle", "class", "figures").open("thead").headerRow("",
                Texts.of(lang, "failures"), Texts.of(lang, "time"), Texts.of(lang, "until")).close("thead").open("tbody");
        for (LoginThrottle.Entry e : throttled) {
            h.row(e.key(), e.failures(), STAMP.format(e.lastFailure().atZone(zone)), STAMP.format(e.until().atZone(zone)));
        }
        return h.close("tbody").close("table");
    }

    static Html tellers(String lang, List<Staff.Teller> tellers, java.util.function.Predicate<String> hasPhoto,
                        String csrf, String error) {
        Html h = new Html();
        if (error != null) {
            h.element("p", error, "class", "error", "id", "teller-error");
        }
        h.open("table", "id", "tellers", "class", "figures").open("thead").headerRow("id", Texts.of(lang, "name"),
                Texts.of(lang, "employee-no"), Texts.of(lang, "source"), Texts.of(lang, "disabled"), "", "", "",
                Texts.of(lang, "photo"))
                .close("thead").open("tbody");
        for (Staff.Teller t : tellers) {
            String base = "/admin/tellers/" + t.id();
            h.open("tr", "id", "teller-" + t.id()).element("td", t.id()).element("td", t.name())
                    .element("td", t.employeeNo()).element("td", Texts.of(lang, !t.inBranchFile() ? "added-here"
                            : t.changedHere() ? "changed-here" : "branch-file"))
                    .element("td", t.disabled() ? "✓" : "");
            h.open("td").open("form", "method", "post", "action", base + "/rename").csrf(csrf)
                    .empty("input", "name", "name", "maxlength", "40", "value", t.name())
                    .element("button", Texts.of(lang, "rename"), "type", "submit").close("form").close("td");
            h.open("td").open("form", "method", "post", "action", base + (t.disabled() ? "/enable" : "/disable"))
                    .csrf(csrf).element("button", Texts.of(lang, t.disabled() ? "enable" : "disable"), "type", "submit")
                    .close("form").close("td");
            h.open("td").open("form", "method", "post", "action", base + "/pin").csrf(csrf)
                    .empty("input", "name", "pin", "type", "password", "inputmode", "numeric", "maxlength", "8")
                    .element("button", Texts.of(lang, "reset-pin"), "type", "submit").close("form").close("td");
            h.open("td");
            if (hasPhoto.test(t.id())) {
                h.empty("img", "src", base + "/photo", "alt", t.name(), "class", "teller-photo", "height", "48");
            }
            h.open("form", "method", "post", "action", base + "/photo", "enctype", "multipart/form-data").csrf(csrf)
                    .empty("input", "name", "photo", "type", "file", "accept", "image/png,image/jpeg")
                    .element("button", Texts.of(lang, "upload-photo"), "type", "submit").close("form").close("td");
            h.close("tr");
        }
        h.close("tbody").close("table");
        h.element("h2", Texts.of(lang, "add-teller"));
        h.open("form", "method", "post", "action", "/admin/tellers", "class", "filters", "id", "add-teller").csrf(csrf);
        input(h, "id", "id", "text");
        input(h, Texts.of(lang, "name"), "name", "text");
        input(h, Texts.of(lang, "employee-no"), "employee-no", "text");
        input(h, "PIN", "pin", "password");
        return h.element("button", Texts.of(lang, "add-teller"), "type", "submit").close("form");
    }

    private static void input(Html h, String label, String name, String type) {
        h.open("label").text(label).empty("input", "name", name, "type", type, "maxlength", "200").close("label");
    }
}
