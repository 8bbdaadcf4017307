package io.counterline.console.web;


import io.counterline.console.auth.Sessions;
import io.counterline.console.auth.User;

/** The frame of every page: head, navigation for the user's role, language switch, sign-out. */
public final class Layout {
    private Layout() {
    }

    /**
     * @param body already built with {@link Html}, so already escaped
     */
    public static String page(String lang, String branchName, String title, Sessions.Current session, Html body,
                              String... scripts) {
        Html h = new Html();
        h.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "zh".equals(lang) ? "zh-CN" : "en");
        h.open("head").empty("meta", "charset", "utf-8")
                .element("title", title + " · " + branchName)
                .empty("link", "rel", "stylesheet", "href", "/assets/console.css");
        for (String s : scripts) {
            h.open("script", "src", s, "defer", "defer").close("script");
        }
        h.close("head").open("body");
        h.open("header").element("strong", branchName + " · " + Texts.of(lang, "console"));
        if (session != null) {
            nav(h, lang, session);
        }
        h.close("header");
        h.open("main").element("h1", title);
        return h + body.toString() + "</main></body></html>";
    }

    private static void nav(Html h, String lang, Sessions.Current session) {
        User u = session.user();
        h.open("nav");
        if (u.role().seesBranchFigures()) {
            link(h, "/monitor", Texts.of(lang, "monitor"));
            link(h, "/reports", Texts.of(lang, "reports"));
            link(h, "/rankings", Texts.of(lang, "rankings"));
        }
        u.teller().ifPresent(t -> link(h, "/tellers/" + t, Texts.of(lang, "my-figures")));
        if (u.role().playsRecordings()) {
            link(h, "/recordings", Texts.of(lang, "recordings"));
        }
        link(h, "/supervision", io.counterline.console.supervision.SupervisionTexts.of(lang, "supervision"));
        if (u.role().readsAudit()) {
            link(h, "/audit", Texts.of(lang, "audit"));
        }
        if (u.role().editsSignage()) {
            link(h, "/signage", Texts.of(lang, "hall-media"));
        }
        if (u.role().managesStaff()) {
            link(h, "/admin/tellers", Texts.of(lang, "tellers"));
            link(h, "/admin/floor", Texts.of(lang, "floor"));
        }
        if (u.role().administers()) {
            link(h, "/admin/users", Texts.of(lang, "users"));
        }
        h.element("span", u.name() + " (" + u.role().label(lang) + ")", "class", "who");
        h.open("form", "method", "post", "action", "/language", "class", "inline").csrf(session.csrf())
                .empty("input", "type", "hidden", "name", "language", "value", "zh".equals(lang) ? "en" : "zh")
                .element("button", "zh".equals(lang) ? "English" : "中文", "type", "submit").close("form");
        h.open("form", "method", "post", "action", "/logout", "class", "inline").csrf(session.csrf())
                .element("button", Texts.of(lang, "logout"), "type", "submit", "id", "logout").close("form");
        h.close("nav");
    }

    private static void link(Html h, String href, String text) {
        h.element("a", text, "href", href);
    }

    /** A page for a refused request (403) or a bad one (400), in the user's language. */
    public static String message(String lang, String branchName, Sessions.Current session, String title, String text) {
        return page(lang, branchName, title, session, new Html().element("p", text, "class", "message"));
    }

}
