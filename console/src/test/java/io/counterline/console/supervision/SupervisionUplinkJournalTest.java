package io.counterline.console.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterline.console.audit.AuditLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervision facts journaled for head office in a real {@code console.db}: one per committed
 * change, in the change's transaction, without the customer's data, and counted and built again
 * for reconciliation exactly as they were journaled.
 */
class SupervisionUplinkJournalTest {
    private static final Instant NOW = Instant.parse("2026-12-10T03:00:00Z"); // Thursday 11:00 in Shanghai
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private SupervisionFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new SupervisionFixture(dir, NOW);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<JsonNode> journal(String type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (SupervisionStore.JournalRow r : f.store.journaled(0, 1000)) {
            if (r.type().equals(type)) {
                out.add(JSON.readTree(r.body()));
            }
        }
        return out;
    }

    @Test
    void everyCommittedChange_oneFactWithStateAndDeadline_neverTheCustomersData_refusedChangeNone() throws Exception {
        java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();
        f.store.onJournaled(wakes::incrementAndGet);
        long id = f.orders.create(f.user("boss"), "-", new WorkOrders.Draft("complaint", "phone", "high", "态度差，客户王先生",
                "138-0000-0000", "A001", "c1", "t1", null, null));
        f.orders.act(f.user("boss"), "-", id, OrderAction.ASSIGN, "super", "请处理");
        assertThatThrownBy(() -> f.orders.act(f.user("boss"), "-", id, OrderAction.CLOSE, null, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(wakes.get()).as("told after each journaling commit, not for the refused step").isEqualTo(2);
        f.clock.set(NOW.plus(Duration.ofDays(7)));   // past the deadline: the escalator raises its notices
        assertThat(f.escalator().tick()).isNotEmpty();
        f.orders.act(f.user("super"), "-", id, OrderAction.START, null, "");
        f.orders.act(f.user("super"), "-", id, OrderAction.ANSWER, null, "已致歉");

        List<JsonNode> facts = journal(SupervisionFacts.WORK_ORDER);
        assertThat(facts).extracting(b -> b.path("action").asText())
                .startsWith("create", "assign").contains("escalation-reminder", "escalation-notice", "escalation-second").endsWith("start", "answer");
        assertThat(facts).extracting(b -> b.path("order").asText() + "|" + b.path("step").asText())
                .doesNotHaveDuplicates();
        JsonNode created = facts.get(0);
        assertThat(created.path("state").asText()).isEqualTo("new");
        assertThat(created.path("category").asText()).isEqualTo("complaint");
        assertThat(created.path("counter").asText()).isEqualTo("c1");
        assertThat(created.path("deadline").asText()).isEqualTo(f.store.order(id).orElseThrow().deadline().toString());
        JsonNode answered = facts.get(facts.size() - 1);
        assertThat(answered.path("state").asText()).isEqualTo("answered");
        assertThat(answered.path("answeredAt").asText()).isEqualTo(NOW.plus(Duration.ofDays(7)).toString());
        for (SupervisionStore.JournalRow r : f.store.journaled(0, 1000)) {
            assertThat(r.body()).doesNotContain("138-0000-0000", "王先生", "请处理", "已致歉", "boss", "\"super\"");
        }
    }

    @Test
    void inspectionAndNotebook_journaled_countsAndFactsOfADayMatchTheJournal() throws Exception {
        AuditLog audit = new AuditLog(f.console, f.clock);
        Inspections inspections = new Inspections(f.store, f.orders, audit, () -> SupervisionFixture.DIR, f.clock);
        long checklist = inspections.addChecklist(f.user("boss"), "-", "营业环境", "大厅整洁\n叫号机正常");
        inspections.fill(f.user("super"), "-", checklist, "c1", List.of(new Inspections.Result(true, "", ""),
                new Inspections.Result(false, "屏幕不亮", "boss")));
        new CorrectionNotebook(f.store, audit, () -> SupervisionFixture.DIR, f.clock)
                .record(f.user("boss"), "-", "t1", "c1", NOW.minus(Duration.ofHours(1)), "未核对身份证", "先核对证件");

        JsonNode inspection = journal(SupervisionFacts.INSPECTION).get(0);
        assertThat(inspection.path("items").asInt()).isEqualTo(2);
        assertThat(inspection.path("failed").asInt()).isEqualTo(1);
        assertThat(inspection.path("rectifications")).hasSize(1);
        assertThat(journal(SupervisionFacts.WORK_ORDER)).singleElement()
                .satisfies(o -> assertThat(o.path("channel").asText()).isEqualTo("inspection"));
        JsonNode note = journal(SupervisionFacts.CORRECTION).get(0);
        assertThat(note.path("procedure").asText()).isEqualTo("先核对证件");
        assertThat(note.has("teller") || note.has("counter") || note.toString().contains("未核对身份证")).isFalse();

        LocalDate day = LocalDate.parse("2026-12-10");
        Map<String, Long> counts = f.store.reconcileCounts(day);
        assertThat(counts).containsEntry(SupervisionFacts.WORK_ORDER, 1L).containsEntry(SupervisionFacts.INSPECTION, 1L)
                .containsEntry(SupervisionFacts.CORRECTION, 1L);
        for (String type : List.of(SupervisionFacts.WORK_ORDER, SupervisionFacts.INSPECTION, SupervisionFacts.CORRECTION)) {
            assertThat(f.store.factsOn(type, day)).as(type).extracting(JsonNode::toString)
                    .containsExactlyElementsOf(journal(type).stream().map(JsonNode::toString).toList());
            assertThat(f.store.factsOn(type, day.plusDays(1))).isEmpty();
        }

        long last = f.store.journaled(0, 1000).get(2).id();
        f.store.forgetJournaled(last);
        assertThat(f.store.journaledCount()).isZero();
        assertThat(f.store.reconcileCounts(day)).as("the tables, not the journal, are counted")
                .containsEntry(SupervisionFacts.INSPECTION, 1L);
    }
}
