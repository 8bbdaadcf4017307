package io.counterline.console.supervision;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.User;
import io.counterline.console.report.ReportTables;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Daily inspections: checklists the branch defines, filled by an inspector (on a phone or a
 * tablet: the console's pages work on a small screen); each failed item becomes a rectification
 * work order with an owner and a deadline, on the same deadline engine and escalator as every
 * order. The filled record and its orders are stored in one transaction, after every check.
 */
public final class Inspections {
    public static final int MAX_ITEMS = 50;
    public static final int MAX_ITEM = 200;
    public static final int MAX_NOTE = 500;

    /** One item's result as the form brings it. */
    public record Result(boolean passed, String note, String owner) {
    }

    private final SupervisionStore store;
    private final WorkOrders orders;
    private final AuditLog audit;
    private final Supplier<BranchDirectory> directory;
    private final Clock clock;

    public Inspections(SupervisionStore store, WorkOrders orders, AuditLog audit, Supplier<BranchDirectory> directory,
                       Clock clock) {
        this.store = store;
        this.orders = orders;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    public List<Checklist> checklists() throws SQLException {
        return store.checklists();
    }

    /** @param itemsText one item a line */
    public long addChecklist(User actor, String ip, String name, String itemsText) throws SQLException {
        if (!WorkOrders.supervises(actor)) {
            throw new NotAllowed("only supervisors define checklists");
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new IllegalArgumentException("a checklist needs a name of at most 100 characters");
        }
        List<String> items = (itemsText == null ? "" : itemsText).lines().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a checklist has 1 to " + MAX_ITEMS + " items, one a line");
        }
        if (items.stream().anyMatch(i -> i.length() > MAX_ITEM)) {
            throw new IllegalArgumentException("an item is longer than " + MAX_ITEM + " characters");
        }
        long id = store.addChecklist(new Checklist(0, n, items, actor.login()), clock.instant());
        audit.record(actor.login(), ip, "checklist.add", "checklist " + id, null, n + " (" + items.size() + " items)");
        return id;
    }

    /**
     * @param results one per item of the checklist, in order
     * @return the ids of the rectification orders created, by item position
     * @throws IllegalArgumentException naming the bad field (nothing stored)
     */
    public Map<Integer, Long> fill(User actor, String ip, long checklistId, String counter, List<Result> results)
            throws SQLException {
        if (!WorkOrders.supervises(actor)) {
            throw new NotAllowed("only supervisors fill inspections");
        }
        Checklist c = store.checklists().stream().filter(x -> x.id() == checklistId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such checklist"));
        if (results.size() != c.items().size()) {
            throw new IllegalArgumentException("every item needs a result");
        }
        String where = counter == null || counter.isBlank() ? null : counter.trim();
        if (where != null && directory.get().counters().stream().noneMatch(x -> x.id().equals(where))) {
            throw new IllegalArgumentException("unknown counter '" + where + "'");
        }
        List<Inspection.Item> items = new ArrayList<>();
        Map<Integer, WorkOrder> rectifications = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            String note = r.note() == null ? "" : r.note().strip();
            if (note.length() > MAX_NOTE) {
                throw new IllegalArgumentException("the note of item " + (i + 1) + " is longer than " + MAX_NOTE
                        + " characters");
            }
            if (!r.passed()) {
                rectifications.put(i, orders.rectification(actor, c.items().get(i), note, where, r.owner()));
            }
            items.add(new Inspection.Item(i, c.items().get(i), r.passed(), note, null));
        }
        Instant now = clock.instant();
        Inspection record = new Inspection(0, checklistId, now.atZone(directory.get().zone()).toLocalDate(), where,
                actor.login(), now, items);
        Map<Integer, Long> orderIds = new LinkedHashMap<>();
        long id = store.addInspection(record, rectifications, orderIds);
        orderIds.forEach((pos, orderId) -> orders.created(actor, ip, orderId, rectifications.get(pos)));
        audit.record(actor.login(), ip, "inspection.add", "inspection " + id, null, c.name() + ": "
                + (items.size() - rectifications.size()) + " passed, " + rectifications.size() + " failed");
        return orderIds;
    }

    /**
     * Daily or weekly summaries of the days {@code from}..{@code to}: inspections, items, failed,
     * pass rate (passed items / items).
     */
    public ReportTables.Table summary(User u, LocalDate from, LocalDate to, boolean weekly, String lang)
            throws SQLException {
        if (!u.role().seesBranchFigures()) {
            throw new NotAllowed("inspection summaries are for supervisors");
        }
        Function<LocalDate, String> period = weekly ? d -> d.with(DayOfWeek.MONDAY).toString() : LocalDate::toString;
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (Inspection i : store.inspections(from, to)) {
            if (i.counter() != null && !u.scope().coversCounter(i.counter())
                    || i.counter() == null && !u.scope().branch()) {
                continue;
            }
            long[] r = rows.computeIfAbsent(period.apply(i.day()), k -> new long[3]);
            r[0]++;
            r[1] += i.items().size();
            r[2] += i.failed();
        }
        List<List<String>> out = new ArrayList<>();
        rows.forEach((k, r) -> out.add(List.of(k, Long.toString(r[0]), Long.toString(r[1]), Long.toString(r[2]),
                r[1] == 0 ? "–" : ReportTables.percent((double) (r[1] - r[2]) / r[1]))));
        String title = SupervisionTexts.of(lang, weekly ? "weekly" : "daily");
        return new ReportTables.Table(title, List.of(SupervisionTexts.of(lang, weekly ? "week-of" : "day"),
                SupervisionTexts.of(lang, "inspections"), SupervisionTexts.of(lang, "items"),
                SupervisionTexts.of(lang, "failed"), SupervisionTexts.of(lang, "pass-rate")), out);
    }
}
