package io.counterline.console.web;

import io.counterline.console.staff.Floor;
import java.util.List;

/** The services and counters page (/admin/floor): rename (Chinese and English), disable, enable. */
final class FloorPage {
    private FloorPage() {
    }

    static Html render(String lang, List<Floor.Place> services, List<Floor.Place> counters, String csrf, String error) {
        return render(lang, services, counters, csrf, error, false);
    }

    /** @param mayAdd whether the user may add a service or counter (the whole branch is their scope) */
    static Html render(String lang, List<Floor.Place> services, List<Floor.Place> counters, String csrf, String error,
                       boolean mayAdd) {
        return render(lang, services, counters, csrf, error, mayAdd, null);
    }

    /** @param added a counter just added, whose devices' secrets this one answer shows (null otherwise) */
    static Html render(String lang, List<Floor.Place> services, List<Floor.Place> counters, String csrf, String error,
                       boolean mayAdd, Floor.AddedCounter added) {
        Html h = new Html();
        if (error != null) {
            h.element("p", error, "class", "error", "id", "floor-error");
        }
        if (added != null) {
            secrets(h, lang, added);
        }
        h.element("p", Texts.of(lang, "floor-note"));
        h.element("h2", Texts.of(lang, "services"));
        table(h, lang, services, csrf);
        if (mayAdd) {
            addService(h, lang, counters, csrf);
        }
        h.element("h2", Texts.of(lang, "counters"));
        table(h, lang, counters, csrf);
        if (mayAdd) {
            addCounter(h, lang, services, csrf);
        }
        return h;
    }

    /** The new devices' secrets, for counterline provision: on this answer only (the console keeps hashes). */
    private static void secrets(Html h, String lang, Floor.AddedCounter added) {
        Floor.NewCounter c = added.counter();
        h.open("section", "id", "counter-secrets", "class", "notice");
        h.element("p", String.format(Texts.of(lang, "counter-added"), c.id()));
        h.open("table", "class", "figures").open("thead").headerRow(Texts.of(lang, "device"), Texts.of(lang, "secret"))
                .close("thead").open("tbody");
        h.open("tr").element("td", c.caller()).element("td", added.callerSecret(), "id", "secret-caller").close("tr");
        h.open("tr").element("td", c.pad()).element("td", added.padSecret(), "id", "secret-pad").close("tr");
        h.close("tbody").close("table").close("section");
    }

    /** The form of a new counter: id, number, names, a weight per service it serves, and its two devices' ids. */
    private static void addCounter(Html h, String lang, List<Floor.Place> services, String csrf) {
        h.element("h3", Texts.of(lang, "add-counter"));
        h.element("p", Texts.of(lang, "add-counter-note"), "id", "add-counter-note");
        h.open("form", "method", "post", "action", "/admin/floor/add-counter", "id", "add-counter").csrf(csrf);
        field(h, "id", "new-counter-id", "id", "16", "");
        field(h, Texts.of(lang, "counter-number"), "new-counter-number", "number", "4", "");
        field(h, "中文名", "new-counter-name-zh", "name-zh", "40", "");
        field(h, "English name", "new-counter-name-en", "name-en", "40", "");
        for (Floor.Place s : services) {
            field(h, String.format(Texts.of(lang, "weight-of"), s.nameZh()), "new-counter-weight-" + s.id(),
                    "weight-" + s.id(), "3", "");
        }
        field(h, Texts.of(lang, "caller-id"), "new-counter-caller", "caller", "64", "");
        field(h, Texts.of(lang, "pad-id"), "new-counter-pad", "pad", "64", "");
        h.element("button", Texts.of(lang, "add-counter"), "type", "submit", "id", "add-counter-submit");
        h.close("form");
    }

    /** The form of a new service: id, prefix, names, numbers, hours, and a weight per counter that serves it. */
    private static void addService(Html h, String lang, List<Floor.Place> counters, String csrf) {
        h.element("h3", Texts.of(lang, "add-service"));
        h.element("p", Texts.of(lang, "add-service-note"));
        h.open("form", "method", "post", "action", "/admin/floor/add-service", "id", "add-service").csrf(csrf);
        field(h, "id", "new-service-id", "id", "16", "");
        field(h, Texts.of(lang, "prefix"), "new-service-prefix", "prefix", "1", "");
        field(h, "中文名", "new-service-name-zh", "name-zh", "40", "");
        field(h, "English name", "new-service-name-en", "name-en", "40", "");
        h.open("label").text(Texts.of(lang, "numbers") + " ")
                .empty("input", "name", "first", "id", "new-service-first", "maxlength", "4", "size", "4", "value", "1")
                .text(" – ")
                .empty("input", "name", "last", "id", "new-service-last", "maxlength", "4", "size", "4", "value", "999")
                .close("label");
        h.open("label").text(Texts.of(lang, "hours") + " ")
                .empty("input", "name", "opens", "id", "new-service-opens", "maxlength", "5", "size", "5", "value", "09:00")
                .text(" – ")
                .empty("input", "name", "closes", "id", "new-service-closes", "maxlength", "5", "size", "5", "value",
                        "17:00")
                .close("label");
        for (Floor.Place c : counters) {
            field(h, String.format(Texts.of(lang, "weight-at"), c.nameZh()), "weight-" + c.id(), "weight-" + c.id(), "3",
                    "");
        }
        h.element("button", Texts.of(lang, "add-service"), "type", "submit", "id", "add-service-submit");
        h.close("form");
    }

    private static void field(Html h, String label, String id, String name, String maxLength, String value) {
        h.open("label").text(label + " ").empty("input", "name", name, "id", id, "maxlength", maxLength, "value", value)
                .close("label");
    }

    private static Html table(Html h, String lang, List<Floor.Place> places, String csrf) {
        String kind = places.isEmpty() ? "none" : places.get(0).kind().key();
        h.open("table", "id", kind + "s", "class", "figures").open("thead").headerRow("id", "中文名", "English name",
                Texts.of(lang, "source"), Texts.of(lang, "disabled"), "", "").close("thead").open("tbody");
        for (Floor.Place p : places) {
            String base = "/admin/floor/" + p.kind().key() + "/" + p.id();
            h.open("tr", "id", p.kind().key() + "-" + p.id()).element("td", p.id()).element("td", p.nameZh())
                    .element("td", p.nameEn()).element("td", Texts.of(lang, p.changedHere() ? "changed-here"
                            : "branch-file"))
                    .element("td", p.disabled() ? "✓" : "");
            h.open("td").open("form", "method", "post", "action", base + "/rename").csrf(csrf)
                    .empty("input", "name", "name-zh", "maxlength", "40", "value", p.nameZh())
                    .empty("input", "name", "name-en", "maxlength", "40", "value", p.nameEn())
                    .element("button", Texts.of(lang, "rename"), "type", "submit").close("form").close("td");
            h.open("td").open("form", "method", "post", "action", base + (p.disabled() ? "/enable" : "/disable"))
                    .csrf(csrf).element("button", Texts.of(lang, p.disabled() ? "enable" : "disable"), "type", "submit")
                    .close("form").close("td");
            h.close("tr");
        }
        return h.close("tbody").close("table");
    }
}
