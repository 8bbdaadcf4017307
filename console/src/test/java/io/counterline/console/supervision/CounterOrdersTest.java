package io.counterline.console.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.console.auth.User;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work orders made at the counter caller ({@code order.create}), and whom their notices are for. */
class CounterOrdersTest {
    private static final Instant NOW = Instant.parse("2026-12-10T03:00:00Z"); // Thursday 11:00 in Shanghai

    @TempDir
    Path dir;
    private SupervisionFixture f;

    @BeforeEach
    void open() throws SQLException {
        f = new SupervisionFixture(dir, NOW);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static WorkOrders.AtCounter at(String key, String category, String description) {
        return new WorkOrders.AtCounter("caller-1/" + key, "caller-1", "c1", "t1", "b1-20261210-A012", category,
                description, "138-0000-0000");
    }

    @Test
    void fromCounter_linksTicketCounterTeller_withoutOwner_deadlineFromTheCategory() throws Exception {
        WorkOrder o = f.orders.fromCounter(at("r1", "complaint", "客户投诉等候太久"));
        assertThat(o.id()).isPositive();
        assertThat(o.channel()).isEqualTo("counter");
        assertThat(o.state()).isEqualTo(OrderState.NEW);
        assertThat(o.owner()).isNull();
        assertThat(o.ticket()).isEqualTo("b1-20261210-A012");
        assertThat(o.counter()).isEqualTo("c1");
        assertThat(o.teller()).isEqualTo("t1");
        assertThat(o.contact()).isEqualTo("138-0000-0000");
        assertThat(o.createdBy()).isEqualTo("t1@caller-1");
        assertThat(o.deadline()).as("2 working days from Thursday 11:00 = Monday 11:00")
                .isEqualTo(Instant.parse("2026-12-14T03:00:00Z"));
        assertThat(f.console.auditEntries(10, Optional.empty())).extracting(e -> e.action()).containsOnlyOnce(
                "order.create");
    }

    @Test
    void sameRequestAskedAgain_findsTheFirstOrder_andStoresNothingNew() throws Exception {
        WorkOrder first = f.orders.fromCounter(at("r1", "consultation", "开户材料"));
        f.clock.set(NOW.plusSeconds(5));
        WorkOrder again = f.orders.fromCounter(at("r1", "consultation", "开户材料"));
        assertThat(again).isEqualTo(first);
        assertThat(f.store.orders(100)).hasSize(1);
        assertThat(f.orders.steps(first.id())).hasSize(1);
        assertThat(f.console.auditEntries(10, Optional.empty())).extracting(e -> e.action()).containsOnlyOnce(
                "order.create");
        assertThat(f.orders.fromCounter(at("r2", "consultation", "开户材料")).id()).isNotEqualTo(first.id());
    }

    @Test
    void voiceNote_withoutText_isStoredWithTheOrderOnce_badOnesRefused() throws Exception {
        String note = "3f1c2a9e-5b7d-4c8e-9a0f-1b2c3d4e5f60";
        WorkOrders.AtCounter dictated = new WorkOrders.AtCounter("caller-1/v1", "caller-1", "c1", "t1",
                "b1-20261210-A012", "complaint", "", null, note);
        WorkOrder o = f.orders.fromCounter(dictated);
        assertThat(o.description()).isEmpty();
        assertThat(f.store.voiceNote(o.id())).contains(note);
        assertThat(f.orders.fromCounter(dictated).id()).as("asked again: the same order").isEqualTo(o.id());
        assertThat(f.console.auditEntries(10, Optional.empty())).extracting(e -> e.after())
                .anyMatch(d -> d.contains("voice-note=" + note));
        assertThatThrownBy(() -> f.orders.fromCounter(new WorkOrders.AtCounter("caller-1/v2", "caller-1", "c1", "t1",
                null, "complaint", "", null, "../../etc/passwd"))).hasMessage("voiceNote must be a recording id");
        assertThatThrownBy(() -> f.orders.fromCounter(at("v3", "complaint", ""))).hasMessage("description is required");
        assertThat(f.store.orders(100)).hasSize(1);
        assertThat(f.store.voiceNote(o.id() + 1)).isEmpty();
    }

    @Test
    void badFields_areRefusedClearly_andStoreNothing() throws Exception {
        assertThatThrownBy(() -> f.orders.fromCounter(at("a", "gossip", "x"))).hasMessage("unknown category 'gossip'");
        assertThatThrownBy(() -> f.orders.fromCounter(at("b", "rectification", "x")))
                .hasMessageContaining("come from inspections");
        assertThatThrownBy(() -> f.orders.fromCounter(at("c", "complaint", "  "))).hasMessage("description is required");
        assertThatThrownBy(() -> f.orders.fromCounter(at("d", "complaint", "长".repeat(WorkOrders.MAX_TEXT + 1))))
                .hasMessageContaining("longer than 2000");
        assertThatThrownBy(() -> f.orders.fromCounter(new WorkOrders.AtCounter("caller-1/e", "caller-1", "c9", "t1", null,
                "complaint", "x", null))).hasMessage("unknown counter 'c9'");
        assertThat(f.store.orders(100)).isEmpty();
        String html = "<script>alert(1)</script>";
        assertThat(f.orders.fromCounter(at("f", "complaint", html)).description()).as("stored as typed, shown escaped")
                .isEqualTo(html);
    }

    @Test
    void theTellerAnOrderIsAbout_cannotBeItsOwner() throws Exception {
        WorkOrder o = f.orders.fromCounter(at("r1", "complaint", "态度差"));
        assertThatThrownBy(() -> f.orders.act(f.user("boss"), "-", o.id(), OrderAction.ASSIGN, "teller1", ""))
                .hasMessage("the teller an order is about cannot be its owner");
        assertThat(f.orders.act(f.user("boss"), "-", o.id(), OrderAction.ASSIGN, "teller2", "").owner())
                .isEqualTo("teller2");
    }

    @Test
    void recipients_areTheOwnerOrTheRole_neverTheTellerTheOrderIsAbout() throws Exception {
        WorkOrder o = f.orders.fromCounter(at("r1", "complaint", "态度差"));
        List<User> all = f.console.users();
        Instant due = NOW;
        assertThat(Supervision.recipients(new Notice(0, "k", o.id(), EscalationLevel.REMINDER, "teller2", due, due), o,
                all)).extracting(User::login).containsExactly("teller2");
        assertThat(Supervision.recipients(new Notice(0, "k", o.id(), EscalationLevel.NOTICE, "branch-manager", due, due),
                o, all)).extracting(User::login).containsExactly("boss");
        // A manager who is also the teller concerned (t1) is not told about the complaint on them.
        f.console.addUser("boss2", "王芳", "h", io.counterline.console.auth.Role.BRANCH_MANAGER,
                io.counterline.console.auth.Scope.BRANCH, Optional.of("t1"), "zh", NOW);
        assertThat(Supervision.recipients(new Notice(0, "k", o.id(), EscalationLevel.SECOND, "branch-manager,admin", due,
                due), o, f.console.users())).extracting(User::login).containsExactly("boss");
    }

    @Test
    void standingNotices_ofATeller_areThoseOfTheirOpenOrders_untilAnswered() throws Exception {
        WorkOrder o = f.orders.fromCounter(at("r1", "complaint", "态度差"));
        User boss = f.user("boss");
        f.orders.act(boss, "-", o.id(), OrderAction.ASSIGN, "teller2", "");
        try (Supervision s = Supervision.start(f.file, f.console, new io.counterline.console.audit.AuditLog(f.console,
                f.clock), () -> SupervisionFixture.DIR, f.clock)) {
            assertThat(s.standingFor("t2")).isEmpty();
            f.clock.set(o.deadline().plusSeconds(60)); // reminder and notice both due
            f.escalator().tick();
            List<Supervision.Standing> standing = s.standingFor("t2");
            assertThat(standing).hasSize(1);
            assertThat(standing.get(0).notice().level()).as("the notice (督办) is the branch manager's").isEqualTo(
                    EscalationLevel.REMINDER);
            assertThat(standing.get(0).to()).extracting(User::login).containsExactly("teller2");
            assertThat(s.standingFor("t1")).as("the teller the order is about").isEmpty();
            User owner = f.user("teller2");
            f.orders.act(owner, "-", o.id(), OrderAction.START, null, "");
            f.orders.act(owner, "-", o.id(), OrderAction.ANSWER, null, "已回电");
            assertThat(s.standingFor("t2")).isEmpty();
        }
    }
}
