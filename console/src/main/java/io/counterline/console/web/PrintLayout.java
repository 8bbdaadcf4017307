package io.counterline.console.web;

import io.counterline.console.export.ReportExports;
import io.counterline.console.report.ReportTables.Table;
import java.util.List;

/**
 * The print layout of a report: A4 landscape, a header with branch, period, who printed it and
 * when, "page x of y" at the foot of every page. The same XHTML is printed by the browser and
 * turned into the PDF.
 */
public final class PrintLayout {
    private PrintLayout() {
    }

    /** The print stylesheet; page numbers in the user's language. */
    public static String css(String lang) {
        String pages = "zh".equals(lang)
                ? "\"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\""
                : "\"Page \" counter(page) \" of \" counter(pages)";
        return "@page { size: A4 landscape; margin: 18mm 12mm 16mm 12mm;"
                + " @bottom-center { content: " + pages + "; font-family: " + ReportExports.FONT_FAMILY
                + ", sans-serif; font-size: 8pt; } }\n"
                + "body { font-family: " + ReportExports.FONT_FAMILY + ", 'WenQuanYi Micro Hei', sans-serif;"
                + " font-size: 8pt; }\n"
                + ".head { border-bottom: 1px solid #000; margin-bottom: 4mm; }\n"
                + ".head h1 { font-size: 13pt; margin: 0 0 2mm 0; }\n"
                + "table { border-collapse: collapse; width: 100%; margin-bottom: 4mm; -fs-table-paginate: paginate; }\n"
                + "thead { display: table-header-group; }\n"
                + "tr { page-break-inside: avoid; }\n"
                + "th, td { border: 0.5pt solid #666; padding: 1mm; text-align: right; }\n"
                + "th:first-child, td:first-child { text-align: left; }\n"
                + "h2 { font-size: 10pt; margin: 3mm 0 1mm 0; }\n";
    }

    /**
     * @param inlineCss true for the PDF (the renderer fetches nothing), false for the browser
     *                  (the page's policy allows only the server's own stylesheets)
     */
    public static String document(String lang, String title, String branchName, String period, String printedBy,
                                  String printedAt, List<Table> tables, boolean inlineCss) {
        return headOf(lang, title, branchName, period, printedBy, printedAt, inlineCss) + Pages.tables(tables)
                + "</body></html>";
    }

    private static String headOf(String lang, String title, String branchName, String period, String printedBy,
                                 String printedAt, boolean inlineCss) {
        Html h = new Html();
        h.open("html", "xmlns", "http://www.w3.org/1999/xhtml").open("head").empty("meta", "charset", "utf-8")
                .element("title", title);
        if (inlineCss) {
            h.element("style", css(lang));
        } else {
            h.empty("link", "rel", "stylesheet", "href", "/assets/print-" + ("zh".equals(lang) ? "zh" : "en") + ".css");
        }
        h.close("head").open("body").open("div", "class", "head").element("h1", branchName + " · " + title);
        h.element("p", Texts.of(lang, "branch") + ": " + branchName + "    " + Texts.of(lang, "period") + ": " + period);
        h.element("p", Texts.of(lang, "printed-by") + ": " + printedBy + "    " + Texts.of(lang, "printed-at") + ": "
                + printedAt);
        return h.close("div").toString();
    }
}
