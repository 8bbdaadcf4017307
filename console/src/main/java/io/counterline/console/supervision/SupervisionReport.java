package io.counterline.console.supervision;

import io.counterline.console.BranchDirectory;
import io.counterline.console.report.ReportTables;
import io.counterline.console.report.ReportTables.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The supervision report over the orders created in a period (docs/supervision.md, "Reports"):
 * by category, channel and state, with the on-time rate and the times to answer and to close,
 * and the list of orders overdue now.
 */
public final class SupervisionReport {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SupervisionReport() {
    }

    public static List<Table> of(List<WorkOrder> orders, Map<String, Category> categories, BranchDirectory dir,
                                 Instant now, String lang) {
        List<Table> out = new ArrayList<>();
        out.add(grouped(t(lang, "category"), orders, o -> {
            Category c = categories.get(o.category());
            return c == null ? o.category() : c.label(lang);
        }, now, lang));
        out.add(grouped(t(lang, "channel"), orders, o -> SupervisionTexts.channel(lang, o.channel()), now, lang));
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (OrderState s : OrderState.values()) {
            byState.put(s.label(lang), 0);
        }
        orders.forEach(o -> byState.merge(o.state().label(lang), 1, Integer::sum));
        List<List<String>> stateRows = new ArrayList<>();
        byState.forEach((k, v) -> stateRows.add(List.of(k, Integer.toString(v))));
        out.add(new Table(t(lang, "state"), List.of(t(lang, "state"), t(lang, "orders")), stateRows));
        List<List<String>> overdue = new ArrayList<>();
        ZoneId zone = dir.zone();
        for (WorkOrder o : orders) {
            if (o.state().open() && now.isAfter(o.deadline())) {
                Category c = categories.get(o.category());
                overdue.add(List.of(Long.toString(o.id()), c == null ? o.category() : c.label(lang),
                        dir.counterName(o.counter()), o.owner() == null ? "" : o.owner(),
                        STAMP.format(o.deadline().atZone(zone)), o.state().label(lang)));
            }
        }
        out.add(new Table(t(lang, "overdue"), List.of("#", t(lang, "category"), t(lang, "counter"), t(lang, "owner"),
                t(lang, "deadline"), t(lang, "state")), overdue));
        return out;
    }

    private static Table grouped(String title, List<WorkOrder> orders, Function<WorkOrder, String> key, Instant now,
                                 String lang) {
        Map<String, List<WorkOrder>> groups = new LinkedHashMap<>();
        orders.forEach(o -> groups.computeIfAbsent(key.apply(o), k -> new ArrayList<>()).add(o));
        List<List<String>> rows = new ArrayList<>();
        groups.forEach((k, list) -> rows.add(row(k, list, now)));
        rows.add(row(t(lang, "total"), orders, now));
        return new Table(title, List.of(title, t(lang, "orders"), t(lang, "answered"), t(lang, "closed"),
                t(lang, "on-time-rate"), t(lang, "hours-to-answer"), t(lang, "hours-to-close"), t(lang, "overdue")), rows);
    }

    /**
     * On-time rate: among the orders that are due (answered, or their deadline passed), the share
     * answered by the deadline. Hours are wall-clock hours from creation, one decimal.
     */
    private static List<String> row(String group, List<WorkOrder> orders, Instant now) {
        int answered = 0;
        int closed = 0;
        int due = 0;
        int onTime = 0;
        int overdue = 0;
        double answerHours = 0;
        double closeHours = 0;
        for (WorkOrder o : orders) {
            if (o.answeredAt() != null) {
                answered++;
                answerHours += hours(o.createdAt(), o.answeredAt());
                onTime += o.answeredAt().isAfter(o.deadline()) ? 0 : 1;
            }
            if (o.closedAt() != null) {
                closed++;
                closeHours += hours(o.createdAt(), o.closedAt());
            }
            boolean late = o.answeredAt() == null && now.isAfter(o.deadline());
            due += o.answeredAt() != null || late ? 1 : 0;
            overdue += late && o.state().open() ? 1 : 0;
        }
        return List.of(group, Integer.toString(orders.size()), Integer.toString(answered), Integer.toString(closed),
                due == 0 ? "–" : ReportTables.percent((double) onTime / due),
                answered == 0 ? "–" : String.format(Locale.ROOT, "%.1f", answerHours / answered),
                closed == 0 ? "–" : String.format(Locale.ROOT, "%.1f", closeHours / closed), Integer.toString(overdue));
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() / 3600.0;
    }

    private static String t(String lang, String key) {
        return SupervisionTexts.of(lang, key);
    }
}
