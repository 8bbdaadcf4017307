package io.counterline.console.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.console.auth.User;
import io.counterline.console.report.RatingFact;
import io.counterline.protocol.RatingLevel;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkOrdersTest {
    private static final String HTML = "<script>alert('x')</script>&\"";
    private static final Instant NOW = Instant.parse("2026-12-10T03:00:00Z"); // Thursday 11:00 in Shanghai

    @TempDir
    Path dir;
    private SupervisionFixture f;
    private User boss;

    @BeforeEach
    void open() throws SQLException {
        f = new SupervisionFixture(dir, NOW);
        boss = f.user("boss");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private WorkOrders.Draft draft(String category, String owner, Instant deadline, String description) {
        return new WorkOrders.Draft(category, "phone", "high", description, "138-0000-0000", "A001", "c1", "t1", owner,
                deadline);
    }

    private int orderCount() throws SQLException {
        return f.store.orders(10_000).size();
    }

    @Test
    void fullRound_createAssignStartAnswerCloseReopen_keepsEveryStep() throws Exception {
        long id = f.orders.create(boss, "127.0.0.1", draft("consultation", null, null, "开户需要什么材料"));
        WorkOrder o = f.store.order(id).orElseThrow();
        assertThat(o.state()).isEqualTo(OrderState.NEW);
        assertThat(o.deadline()).as("4 working hours from Thursday 11:00 = 15:00")
                .isEqualTo(Instant.parse("2026-12-10T07:00:00Z"));
        f.orders.act(boss, "-", id, OrderAction.ASSIGN, "teller2", "请回电");
        User teller2 = f.user("teller2");
        f.orders.act(teller2, "-", id, OrderAction.START, null, "");
        f.orders.act(teller2, "-", id, OrderAction.ANSWER, null, "已电话告知");
        f.orders.act(f.user("super"), "-", id, OrderAction.CLOSE, null, "");
        f.orders.act(boss, "-", id, OrderAction.REOPEN, null, "客户再次来电");
        assertThat(f.orders.steps(id)).extracting(OrderStep::action, OrderStep::actor, s -> s.state().wire())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("create", "boss", "new"),
                        org.assertj.core.groups.Tuple.tuple("assign", "boss", "assigned"),
                        org.assertj.core.groups.Tuple.tuple("start", "teller2", "in-progress"),
                        org.assertj.core.groups.Tuple.tuple("answer", "teller2", "answered"),
                        org.assertj.core.groups.Tuple.tuple("close", "super", "closed"),
                        org.assertj.core.groups.Tuple.tuple("reopen", "boss", "assigned"));
        assertThat(f.store.order(id).orElseThrow().owner()).isEqualTo("teller2");
        assertThat(f.console.auditEntries(50, java.util.Optional.empty())).extracting(e -> e.action())
                .contains("order.create", "order.assign", "order.start", "order.answer", "order.close", "order.reopen");
    }

    @Test
    void illegalSteps_areRefusedClearly_andChangeNothing() throws Exception {
        long id = f.orders.create(boss, "-", draft("complaint", null, null, "态度差"));
        assertThatThrownBy(() -> f.orders.act(boss, "-", id, OrderAction.CLOSE, null, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is new: it cannot be 'close' now");
        assertThatThrownBy(() -> f.orders.act(boss, "-", id, OrderAction.ANSWER, null, "x"))
                .hasMessageContaining("cannot be 'answer' now");
        assertThatThrownBy(() -> OrderAction.of("delete")).hasMessageContaining("is not one of");
        f.orders.act(boss, "-", id, OrderAction.ASSIGN, "super", "");
        assertThatThrownBy(() -> f.orders.act(f.user("teller2"), "-", id, OrderAction.START, null, ""))
                .as("a teller who does not own it does not even see it").isInstanceOf(NotAllowed.class);
        f.orders.act(f.user("super"), "-", id, OrderAction.START, null, "");
        assertThatThrownBy(() -> f.orders.act(f.user("super"), "-", id, OrderAction.ANSWER, null, " "))
                .hasMessageContaining("note is required");
        assertThat(f.store.order(id).orElseThrow().state()).isEqualTo(OrderState.IN_PROGRESS);
        assertThat(f.orders.steps(id)).hasSize(3);
        assertThatThrownBy(() -> f.console.executeForTest("DELETE FROM work_orders")).hasMessageContaining("never deleted");
        assertThatThrownBy(() -> f.console.executeForTest("UPDATE work_order_steps SET note = 'x'"))
                .hasMessageContaining("append-only");
    }

    @Test
    void badInput_isRefusedWithAClearMessage_andStoresNothing() throws Exception {
        String tenMegabytes = "x".repeat(10 * 1024 * 1024);
        assertThatThrownBy(() -> f.orders.create(boss, "-", draft("complaint", null, NOW.minusSeconds(60), "d")))
                .hasMessageContaining("is not in the future");
        assertThatThrownBy(() -> f.orders.create(boss, "-", draft("gossip", null, null, "d")))
                .hasMessageContaining("unknown category 'gossip'");
        assertThatThrownBy(() -> f.orders.create(boss, "-", draft("complaint", "mallory", null, "d")))
                .hasMessageContaining("'mallory' is not a user of this branch");
        assertThatThrownBy(() -> f.orders.create(boss, "-", draft("complaint", "c2only", null, "d")))
                .hasMessageContaining("works outside this order's counter");
        assertThatThrownBy(() -> f.orders.create(boss, "-", draft("complaint", "audit", null, "d")))
                .hasMessageContaining("auditor");
        assertThatThrownBy(() -> f.orders.create(boss, "-", draft("complaint", "teller1", null, "d")))
                .hasMessageContaining("the teller an order is about cannot be its owner");
        assertThatThrownBy(() -> f.orders.create(boss, "-", draft("complaint", null, null, tenMegabytes)))
                .hasMessageContaining("description is longer than 2000");
        assertThatThrownBy(() -> f.orders.create(boss, "-", new WorkOrders.Draft("complaint", "fax", "normal", "d", "",
                null, null, null, null, null))).hasMessageContaining("channel must be");
        assertThatThrownBy(() -> f.orders.create(boss, "-", new WorkOrders.Draft("complaint", "phone", "normal", "d", "",
                "<b>", null, null, null, null))).hasMessageContaining("ticket is not an id");
        assertThatThrownBy(() -> f.orders.create(boss, "-", new WorkOrders.Draft("complaint", "phone", "normal", "d", "",
                null, "c9", null, null, null))).hasMessageContaining("unknown counter 'c9'");
        assertThatThrownBy(() -> f.orders.create(f.user("c2only"), "-", draft("complaint", null, null, "d")))
                .isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> f.orders.create(f.user("teller2"), "-", draft("complaint", null, null, "d")))
                .isInstanceOf(NotAllowed.class);
        assertThat(orderCount()).isZero();

        long id = f.orders.create(boss, "-", draft("complaint", null, null, "d"));
        assertThatThrownBy(() -> f.orders.act(boss, "-", id, OrderAction.NOTE, null, tenMegabytes))
                .hasMessageContaining("note is longer than 2000");
        assertThatThrownBy(() -> f.orders.act(boss, "-", id, OrderAction.ASSIGN, "teller1", ""))
                .hasMessageContaining("cannot be its owner");
        assertThat(f.orders.steps(id)).hasSize(1);
        assertThat(f.store.order(id).orElseThrow().state()).isEqualTo(OrderState.NEW);
    }

    @Test
    void categoryLimit_changedByTheAdmin_countsForNewOrders_badLimitRefused() throws Exception {
        assertThat(f.store.setCategoryLimit("consultation", "1h")).isTrue();
        long id = f.orders.create(boss, "-", draft("consultation", null, null, "d"));
        assertThat(f.store.order(id).orElseThrow().deadline()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(f.store.setCategoryLimit("gossip", "1h")).isFalse();
        for (String bad : new String[] {"0h", "2w", "1000d", "", "<b>"}) {
            assertThatThrownBy(() -> f.store.setCategoryLimit("consultation", bad)).as(bad)
                    .hasMessageContaining("looks like 4h or 2d");
        }
        assertThat(f.orders.categories()).filteredOn(c -> c.id().equals("consultation")).singleElement()
                .satisfies(c -> assertThat(c.limit()).isEqualTo("1h"));
    }

    @Test
    void htmlInEveryTextField_isStoredAsTyped() throws Exception {
        long id = f.orders.create(boss, "-", new WorkOrders.Draft("suggestion", "letter", "normal", HTML, HTML, null,
                null, null, null, null));
        f.orders.act(boss, "-", id, OrderAction.NOTE, null, HTML);
        WorkOrder o = f.store.order(id).orElseThrow();
        assertThat(o.description()).isEqualTo(HTML);
        assertThat(o.contact()).isEqualTo(HTML);
        assertThat(f.orders.steps(id).get(1).note()).isEqualTo(HTML);
    }

    @Test
    void scope_tellersSeeOnlyWhatTheyOwn_andContactOnlySupervisorsAndOwner() throws Exception {
        long id = f.orders.create(boss, "-", draft("complaint", "teller2", null, "d"));
        WorkOrder o = f.store.order(id).orElseThrow();
        assertThat(WorkOrders.maySee(f.user("teller1"), o)).as("the teller it is about").isFalse();
        assertThat(WorkOrders.maySee(f.user("teller2"), o)).isTrue();
        assertThat(WorkOrders.maySee(f.user("c2only"), o)).as("counter c1 is outside counters=c2").isFalse();
        assertThat(WorkOrders.seesContact(f.user("audit"), o)).isFalse();
        assertThat(WorkOrders.seesContact(f.user("teller2"), o)).isTrue();
        assertThat(WorkOrders.seesContact(f.user("super"), o)).isTrue();
        assertThat(f.orders.visible(f.user("teller1"))).isEmpty();
        assertThatThrownBy(() -> f.orders.get(f.user("teller1"), id)).isInstanceOf(NotAllowed.class);
    }

    @Test
    void dissatisfiedRating_becomesOneUnassignedComplaint_unlessTheBranchTurnsItOff() throws Exception {
        RatingFact bad = new RatingFact("tk-1", "2026-12-10", "A", "c1", "t1", RatingLevel.DISSATISFIED, NOW, NOW);
        assertThat(f.orders.fromRating(bad)).isPresent();
        assertThat(f.orders.fromRating(bad)).as("a replay of the same rating").isEmpty();
        assertThat(f.orders.fromRating(new RatingFact("tk-2", "2026-12-10", "A", "c1", "t1", RatingLevel.SATISFIED, NOW,
                NOW))).isEmpty();
        WorkOrder o = f.store.orders(10).get(0);
        assertThat(o.category()).isEqualTo("complaint");
        assertThat(o.channel()).isEqualTo("rating");
        assertThat(o.teller()).isEqualTo("t1");
        assertThat(o.owner()).isNull();
        f.store.setSetting("order-on-dissatisfied", "false");
        assertThat(f.orders.fromRating(new RatingFact("tk-3", "2026-12-10", "A", "c1", "t1", RatingLevel.DISSATISFIED,
                NOW, NOW))).isEmpty();
        assertThat(orderCount()).isEqualTo(1);
    }
}
