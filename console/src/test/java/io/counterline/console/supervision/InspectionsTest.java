package io.counterline.console.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.console.audit.AuditLog;
import io.counterline.console.report.ReportTables;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectionsTest {
    private static final Instant THURSDAY_1000 = Instant.parse("2026-12-10T02:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 10);

    @TempDir
    Path dir;
    private SupervisionFixture f;
    private Inspections inspections;

    @BeforeEach
    void open() throws Exception {
        f = new SupervisionFixture(dir, THURSDAY_1000);
        inspections = new Inspections(f.store, f.orders, new AuditLog(f.console, f.clock), () -> SupervisionFixture.DIR,
                f.clock);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private long checklist() throws Exception {
        return inspections.addChecklist(f.user("boss"), "-", "营业环境", "大厅整洁\n 叫号机正常 \n\n着装规范\n");
    }

    @Test
    void failedItem_becomesARectificationOrder_onTheSameDeadlineEngineAndEscalator() throws Exception {
        long id = checklist();
        assertThat(inspections.checklists()).singleElement().satisfies(c ->
                assertThat(c.items()).containsExactly("大厅整洁", "叫号机正常", "着装规范"));
        Map<Integer, Long> orders = inspections.fill(f.user("super"), "-", id, "c1", List.of(
                new Inspections.Result(true, "", ""), new Inspections.Result(false, "屏幕不亮", "boss"),
                new Inspections.Result(true, "", "")));
        assertThat(orders).containsOnlyKeys(1);
        WorkOrder o = f.store.order(orders.get(1)).orElseThrow();
        assertThat(o.category()).isEqualTo("rectification");
        assertThat(o.channel()).isEqualTo("inspection");
        assertThat(o.owner()).isEqualTo("boss");
        assertThat(o.state()).isEqualTo(OrderState.ASSIGNED);
        assertThat(o.description()).isEqualTo("叫号机正常 — 屏幕不亮");
        // 3 working days from Thursday 10:00: Thu 7h, Fri 8h, Mon 8h, Tue 1h → Tuesday 10:00.
        assertThat(o.deadline()).isEqualTo(Instant.parse("2026-12-15T02:00:00Z"));
        f.clock.set(o.deadline());
        assertThat(f.escalator().tick()).extracting(Notice::orderId).contains(o.id());

        ReportTables.Table daily = inspections.summary(f.user("boss"), TODAY, TODAY, false, "en");
        assertThat(daily.rows()).containsExactly(List.of("2026-12-10", "1", "3", "1", "66.7%"));
        ReportTables.Table weekly = inspections.summary(f.user("boss"), TODAY, TODAY, true, "en");
        assertThat(weekly.rows()).containsExactly(List.of("2026-12-07", "1", "3", "1", "66.7%"));
        assertThat(inspections.summary(f.user("c2only"), TODAY, TODAY, false, "en").rows()).as("counter c1 out of scope")
                .isEmpty();
    }

    @Test
    void badInput_isRefused_andStoresNeitherTheRecordNorAnyOrder() throws Exception {
        assertThatThrownBy(() -> inspections.addChecklist(f.user("boss"), "-", " ", "a")).hasMessageContaining("name");
        assertThatThrownBy(() -> inspections.addChecklist(f.user("boss"), "-", "x", "\n\n")).hasMessageContaining("1 to 50");
        assertThatThrownBy(() -> inspections.addChecklist(f.user("teller1"), "-", "x", "a")).isInstanceOf(NotAllowed.class);
        long id = checklist();
        Inspections.Result pass = new Inspections.Result(true, "", "");
        assertThatThrownBy(() -> inspections.fill(f.user("super"), "-", id, "c1", List.of(pass,
                new Inspections.Result(false, "x", "boss"), new Inspections.Result(false, "y", ""))))
                .hasMessageContaining("needs an owner");
        assertThatThrownBy(() -> inspections.fill(f.user("super"), "-", id, "c1", List.of(pass,
                new Inspections.Result(false, "x", "mallory"), pass))).hasMessageContaining("not a user of this branch");
        assertThatThrownBy(() -> inspections.fill(f.user("super"), "-", id, "c1", List.of(pass, pass)))
                .hasMessageContaining("every item needs a result");
        assertThatThrownBy(() -> inspections.fill(f.user("super"), "-", id, "c1", List.of(pass, pass,
                new Inspections.Result(true, "x".repeat(10 * 1024 * 1024), "")))).hasMessageContaining("longer than 500");
        assertThat(f.store.inspections(TODAY, TODAY)).isEmpty();
        assertThat(f.store.orders(100)).isEmpty();
    }
}
