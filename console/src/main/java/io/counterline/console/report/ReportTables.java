package io.counterline.console.report;

import io.counterline.console.BranchDirectory;
import io.counterline.console.web.Texts;
import io.counterline.protocol.RatingLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A report as titled tables of text: the one form that the page, the print layout, the PDF,
 * CSV and XLSX are all made from, so that they always show the same figures.
 */
public final class ReportTables {

    /** One table: a title, its column headers, rows of cells. */
    public record Table(String title, List<String> headers, List<List<String>> rows) {
    }

    private ReportTables() {
    }

    public static List<Table> of(PeriodReport r, BranchDirectory dir, String lang) {
        List<Table> out = new ArrayList<>();
        out.add(figures(Texts.of(lang, "total"), Map.of(Texts.of(lang, "total"), r.total()), k -> k, lang));
        out.add(figures(Texts.of(lang, "by-teller"), r.byTeller(), dir::tellerName, lang));
        out.add(figures(Texts.of(lang, "by-counter"), r.byCounter(), dir::counterName, lang));
        out.add(figures(Texts.of(lang, "by-service"), r.byService(), dir::serviceName, lang));
        out.add(figures(Texts.of(lang, "by-day"), r.byDay(), k -> k, lang));
        out.add(figures(Texts.of(lang, "by-hour"), r.byHour(), k -> k + ":00", lang));
        out.add(gaming(r.gaming(), dir, lang));
        return out;
    }

    /** The columns of every figures table; the group name first. */
    public static List<String> headers(String lang) {
        List<String> h = new ArrayList<>(List.of(Texts.of(lang, "group"), Texts.of(lang, "issued"),
                Texts.of(lang, "served"), Texts.of(lang, "no-show"), Texts.of(lang, "transferred"),
                Texts.of(lang, "wait-mean"), Texts.of(lang, "wait-median"), Texts.of(lang, "wait-p90"),
                Texts.of(lang, "service-mean"), Texts.of(lang, "service-median"), Texts.of(lang, "service-p90")));
        for (RatingLevel l : RatingLevel.values()) {
            h.add("zh".equals(lang) ? l.label() : l.wire());
        }
        h.addAll(List.of(Texts.of(lang, "rated"), Texts.of(lang, "satisfaction"), Texts.of(lang, "coverage")));
        return h;
    }

    public static List<String> cells(String group, Figures f) {
        List<String> c = new ArrayList<>(List.of(group, Integer.toString(f.issued()), Integer.toString(f.served()),
                Integer.toString(f.noShow()), Integer.toString(f.transferred()),
                seconds(f.waitSeconds(), f.waitSeconds().mean()), seconds(f.waitSeconds(), f.waitSeconds().median()),
                seconds(f.waitSeconds(), f.waitSeconds().p90()), seconds(f.serviceSeconds(), f.serviceSeconds().mean()),
                seconds(f.serviceSeconds(), f.serviceSeconds().median()),
                seconds(f.serviceSeconds(), f.serviceSeconds().p90())));
        for (RatingLevel l : RatingLevel.values()) {
            c.add(Integer.toString(f.ratings().get(l)));
        }
        c.add(Integer.toString(f.rated()));
        c.add(percent(f.satisfaction()));
        c.add(percent(f.coverage()));
        return c;
    }

    private static Table figures(String title, Map<String, Figures> groups, Function<String, String> name, String lang) {
        List<List<String>> rows = new ArrayList<>();
        groups.forEach((k, f) -> rows.add(cells(name.apply(k), f)));
        return new Table(title, headers(lang), rows);
    }

    private static Table gaming(List<GamingSigns> signs, BranchDirectory dir, String lang) {
        List<String> h = new ArrayList<>(List.of(Texts.of(lang, "teller"), Texts.of(lang, "served"),
                Texts.of(lang, "rated"), Texts.of(lang, "coverage")));
        h.addAll(List.of(GamingSigns.BUCKET_LABELS));
        h.addAll(List.of(Texts.of(lang, "fast"), Texts.of(lang, "bursts"), Texts.of(lang, "flags")));
        List<List<String>> rows = new ArrayList<>();
        for (GamingSigns g : signs) {
            List<String> row = new ArrayList<>(List.of(dir.tellerName(g.teller()), Integer.toString(g.served()),
                    Integer.toString(g.rated()), percent(g.coverage())));
            for (int b : g.delayBuckets()) {
                row.add(Integer.toString(b));
            }
            row.addAll(List.of(Integer.toString(g.fast()), Integer.toString(g.inBursts()), String.join(", ", g.flags())));
            rows.add(row);
        }
        return new Table(Texts.of(lang, "gaming"), h, rows);
    }

    /** A month's ranking: the ranked tellers, then those with too few ratings, n always shown. */
    public static List<Table> rankings(Rankings r, BranchDirectory dir, String lang) {
        List<List<String>> ranked = new ArrayList<>();
        for (Rankings.Row row : r.ranked()) {
            ranked.add(List.of(Integer.toString(row.rank()), dir.tellerName(row.teller()), Integer.toString(row.n()),
                    percent(row.satisfaction()), percent(row.lowerBound()), "★".repeat(row.stars())));
        }
        List<List<String>> few = new ArrayList<>();
        for (Rankings.Row row : r.tooFew()) {
            few.add(List.of(dir.tellerName(row.teller()), Integer.toString(row.n()), percent(row.satisfaction())));
        }
        return List.of(new Table(Texts.of(lang, "rankings"), List.of(Texts.of(lang, "rank"), Texts.of(lang, "teller"),
                        "n", Texts.of(lang, "satisfaction"), Texts.of(lang, "lower-bound"), Texts.of(lang, "stars")), ranked),
                new Table(Texts.of(lang, "too-few") + " (n < " + Rankings.MIN_RATINGS + ")",
                        List.of(Texts.of(lang, "teller"), "n", Texts.of(lang, "satisfaction")), few));
    }

    /** One decimal, or "–" when there is no value. */
    public static String seconds(Figures.Stat s, double v) {
        return s.n() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A share as a percentage with one decimal, or "–" when undefined. */
    public static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
