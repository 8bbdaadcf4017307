package io.counterline.console.web;

import io.counterline.console.staff.Floor;
import java.util.List;

/** The services and counters page (/admin/floor): rename (Chinese and English), disable, enable. */
final class FloorPage {
    private FloorPage() {
    }

    static Html render(String lang, List<Floor.Place> services, List<Floor.Place> counters, String csrf, String error) {
        Html h = new Html();
        if (error != null) {
            h.element("p", error, "class", "error", "id", "floor-error");
        }
        h.element("p", Texts.of(lang, "floor-note"));
        h.element("h2", Texts.of(lang, "services"));
        table(h, lang, services, csrf);
        h.element("h2", Texts.of(lang, "counters"));
        return table(h, lang, counters, csrf);
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
