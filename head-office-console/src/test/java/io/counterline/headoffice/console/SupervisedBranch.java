package io.counterline.headoffice.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.supervision.Checklist;
import io.counterline.console.supervision.CorrectionNote;
import io.counterline.console.supervision.Inspection;
import io.counterline.console.supervision.OrderState;
import io.counterline.console.supervision.OrderStep;
import io.counterline.console.supervision.SupervisionStore;
import io.counterline.console.supervision.WorkOrder;
import io.counterline.headoffice.ingest.Fact;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One branch's supervision in February 2026, made in a real {@code console.db} by its
 * {@link SupervisionStore}: the facts are the bodies it journals for the uplink, so head office's
 * pages read what a branch sends. The figures the drill-down must show are worked out by hand in
 * the comments and in {@code HeadOfficeConsoleBrowserIT}.
 */
final class SupervisedBranch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SupervisedBranch() {
    }

    /**
     * Orders (period February 1–20, now 2026-02-20 06:00 UTC): complaint A answered on time and
     * closed; complaint B answered after its deadline; consultation C open past its deadline;
     * praise D open within it; complaint E created in January (not in the period). Inspections:
     * two on the 10th (2 items, 1 failed; 3 items), one on the 15th (3 items). Notebook: "先核对证件"
     * twice, "唱收唱付" once.
     */
    static List<Fact> february(Path dir, String branch, long boot) throws Exception {
        Path db = dir.resolve(branch + "-console.db");
        ConsoleStore.open(db).close();
        try (SupervisionStore s = SupervisionStore.open(db)) {
            order(s, "complaint", "2026-02-10T02:00:00Z", "2026-02-12T02:00:00Z", "2026-02-11T02:00:00Z", true);
            order(s, "complaint", "2026-02-12T02:00:00Z", "2026-02-14T02:00:00Z", "2026-02-16T02:00:00Z", false);
            order(s, "consultation", "2026-02-18T02:00:00Z", "2026-02-18T06:00:00Z", null, false);
            order(s, "praise", "2026-02-19T02:00:00Z", "2026-02-26T02:00:00Z", null, false);
            order(s, "complaint", "2026-01-20T02:00:00Z", "2026-01-22T02:00:00Z", "2026-01-21T02:00:00Z", true);
            long list = s.addChecklist(new Checklist(0, "营业环境", List.of("大厅整洁", "叫号机正常", "着装规范"), "boss"),
                    Instant.parse("2026-02-01T01:00:00Z"));
            inspect(s, list, "2026-02-10", "2026-02-10T01:00:00Z", true, false);
            inspect(s, list, "2026-02-10", "2026-02-10T05:00:00Z", true, true, true);
            inspect(s, list, "2026-02-15", "2026-02-15T01:00:00Z", true, true, true);
            note(s, "2026-02-03", "2026-02-03T03:00:00Z", "先核对证件");
            note(s, "2026-02-11", "2026-02-11T03:00:00Z", "唱收唱付");
            note(s, "2026-02-17", "2026-02-17T03:00:00Z", "先核对证件");
            List<Fact> facts = new ArrayList<>();
            long seq = 1_000_000;
            for (SupervisionStore.JournalRow r : s.journaled(0, 10_000)) {
                ObjectNode body = (ObjectNode) JSON.readTree(r.body());
                facts.add(new Fact(branch, new EventEnvelope(MessageCodec.VERSION, UUID.randomUUID().toString(), ++seq,
                        "uplink", EventType.of(r.type()), Instant.parse(body.path("at").asText()).plusSeconds(1), boot,
                        body)));
            }
            return facts;
        }
    }

    private static void order(SupervisionStore s, String category, String created, String deadline, String answered,
                              boolean close) throws Exception {
        Instant at = Instant.parse(created);
        WorkOrder o = new WorkOrder(0, category, "phone", OrderState.NEW, "normal", "…", "139-0000-0000", null, null,
                "c1", "t1", null, Instant.parse(deadline), 1, "boss", at, null, null);
        long id = s.addOrder(o, "").orElseThrow();
        o = step(s, s.order(id).orElseThrow(), OrderState.ASSIGNED, "assign", at.plusSeconds(60), null, null);
        if (answered == null) {
            return;
        }
        Instant a = Instant.parse(answered);
        o = step(s, o, OrderState.IN_PROGRESS, "start", a.minusSeconds(60), null, null);
        o = step(s, o, OrderState.ANSWERED, "answer", a, a, null);
        if (close) {
            step(s, o, OrderState.CLOSED, "close", a.plusSeconds(3600), a, a.plusSeconds(3600));
        }
    }

    private static WorkOrder step(SupervisionStore s, WorkOrder o, OrderState to, String action, Instant at,
                                  Instant answeredAt, Instant closedAt) throws Exception {
        WorkOrder after = new WorkOrder(o.id(), o.category(), o.channel(), to, o.priority(), o.description(),
                o.contact(), null, null, o.counter(), o.teller(), "boss", o.deadline(), 1, o.createdBy(), o.createdAt(),
                answeredAt, closedAt);
        if (!s.advance(after, o.state(), new OrderStep(o.id(), at, "boss", action, to, "boss", ""))) {
            throw new IllegalStateException("order " + o.id() + " not moved to " + to);
        }
        return s.order(o.id()).orElseThrow();
    }

    private static void inspect(SupervisionStore s, long checklist, String day, String at, boolean... passed)
            throws Exception {
        List<Inspection.Item> items = new ArrayList<>();
        for (int i = 0; i < passed.length; i++) {
            items.add(new Inspection.Item(i, "item " + i, passed[i], "", null));
        }
        Map<Integer, WorkOrder> none = Map.of();
        s.addInspection(new Inspection(0, checklist, LocalDate.parse(day), "c1", "boss", Instant.parse(at), items), none,
                new HashMap<>());
    }

    private static void note(SupervisionStore s, String day, String at, String procedure) throws Exception {
        Instant t = Instant.parse(at);
        s.addNote(new CorrectionNote(0, LocalDate.parse(day), t, "c1", "t1", "…", procedure, "boss", t));
    }

    /**
     * Daily health summaries of {@code kiosk-1} as the branch builds them: the 18th all day ok; the
     * 19th an hour degraded, last report ok at 10:00 Shanghai.
     */
    static List<Fact> health(String branch, long boot) {
        List<Fact> facts = new ArrayList<>();
        facts.add(healthDay(branch, boot, 2_000_000, "2026-02-18", 86_400, 0, "ok", "2026-02-10T01:00:00Z", "ok"));
        facts.add(healthDay(branch, boot, 2_000_001, "2026-02-19", 82_800, 3_600, "degraded", "2026-02-19T02:00:00Z",
                "ok"));
        return facts;
    }

    private static Fact healthDay(String branch, long boot, long seq, String day, long ok, long degraded, String worst,
                                  String lastAt, String lastLevel) {
        ObjectNode b = JSON.createObjectNode();
        b.put("device", "kiosk-1").put("day", day).put("okSeconds", ok).put("degradedSeconds", degraded)
                .put("offlineSeconds", 0).put("configErrorSeconds", 0).put("unknownSeconds", 0).put("worst", worst)
                .put("changes", degraded > 0 ? 2 : 0).put("lastAt", lastAt).put("lastLevel", lastLevel);
        Instant at = LocalDate.parse(day).plusDays(1).atTime(0, 10).atZone(NetworkFixture.ZONE).toInstant();
        return new Fact(branch, new EventEnvelope(MessageCodec.VERSION, UUID.randomUUID().toString(), seq, "uplink",
                EventType.BRANCH_DEVICE_HEALTH_DAY, at, boot, b));
    }
}
