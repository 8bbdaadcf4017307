package io.counterline.console.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.console.auth.User;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escalator on a real console.db with a clock moved by hand, across a weekend with a make-up
 * working day (调休), and across restarts.
 */
class EscalatorTest {
    private static final LocalDate FRIDAY = LocalDate.of(2026, 12, 11);
    private static final LocalDate SATURDAY = FRIDAY.plusDays(1);
    private static final LocalDate SUNDAY = FRIDAY.plusDays(2);
    private static final LocalDate MONDAY = FRIDAY.plusDays(3);
    private static final LocalDate TUESDAY = FRIDAY.plusDays(4);

    @TempDir
    java.nio.file.Path dir;

    private static Instant at(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(SupervisionFixture.ZONE).toInstant();
    }

    /** A complaint (2 working days) taken Friday 15:00 with Saturday a make-up working day. */
    private long complaintOnFridayWithMakeUpSaturday(SupervisionFixture f) throws Exception {
        f.store.putCalendarDay(new SupervisionStore.CalendarDay(SATURDAY, true, "调休", "admin"), f.clock.instant());
        User boss = f.user("boss");
        return f.orders.create(boss, "127.0.0.1", new WorkOrders.Draft("complaint", "phone", "normal", "排队太久", "",
                null, "c1", "t1", "super", null));
    }

    @Test
    void reminderNoticeAndSecondLevel_comeAtTheirBusinessMinute() throws Exception {
        try (SupervisionFixture f = new SupervisionFixture(dir, at(FRIDAY, 15, 0))) {
            long id = complaintOnFridayWithMakeUpSaturday(f);
            // Fri 2h + Sat 8h = 10h; the other 6h on Monday (Sunday is off): deadline Monday 15:00.
            assertThat(f.store.order(id).orElseThrow().deadline()).isEqualTo(at(MONDAY, 15, 0));
            Escalator e = f.escalator();
            List<Instant> quiet = List.of(at(SATURDAY, 16, 59), at(SUNDAY, 20, 0), at(MONDAY, 12, 59));
            for (Instant t : quiet) {
                f.clock.set(t);
                assertThat(e.tick()).as("at %s", t).isEmpty();
            }
            f.clock.set(at(MONDAY, 13, 0)); // 2 working hours before the deadline
            assertThat(e.tick()).singleElement().satisfies(n -> {
                assertThat(n.level()).isEqualTo(EscalationLevel.REMINDER);
                assertThat(n.recipient()).isEqualTo("super");
            });
            f.clock.set(at(MONDAY, 14, 59));
            assertThat(e.tick()).isEmpty();
            f.clock.set(at(MONDAY, 15, 0));
            assertThat(e.tick()).singleElement().satisfies(n -> {
                assertThat(n.level()).isEqualTo(EscalationLevel.NOTICE);
                assertThat(n.recipient()).isEqualTo("branch-manager");
            });
            // One working day later: Monday 15-17 (2h), Tuesday 9-15 (6h).
            f.clock.set(at(TUESDAY, 14, 59));
            assertThat(e.tick()).isEmpty();
            f.clock.set(at(TUESDAY, 15, 0));
            assertThat(e.tick()).singleElement().satisfies(n -> assertThat(n.level()).isEqualTo(EscalationLevel.SECOND));
            assertThat(e.tick()).as("nothing twice").isEmpty();
            assertThat(f.store.notices(10)).hasSize(3);
        }
    }

    @Test
    void restartBetweenDueTimeAndNotice_raisesExactlyOneNotice() throws Exception {
        try (SupervisionFixture f = new SupervisionFixture(dir, at(FRIDAY, 15, 0))) {
            long id = complaintOnFridayWithMakeUpSaturday(f);
            f.escalator().tick(); // nothing due yet
            // The server is down over the deadline: the first look after the restart is at 15:40.
            f.clock.set(at(MONDAY, 15, 40));
            f.restart();
            List<Notice> raised = f.escalator().tick();
            assertThat(raised).extracting(Notice::level)
                    .containsExactly(EscalationLevel.REMINDER, EscalationLevel.NOTICE);
            assertThat(raised.get(1).dueAt()).as("due at the deadline, raised late").isEqualTo(at(MONDAY, 15, 0));
            // Down again right after storing them: the next server's look repeats nothing.
            f.restart();
            assertThat(f.escalator().tick()).isEmpty();
            assertThat(f.store.notices(10)).extracting(Notice::key).containsExactlyInAnyOrder(id + "/1/reminder",
                    id + "/1/notice");
        }
    }

    @Test
    void answeredOrder_raisesNothing_andAReopenedOneStartsANewRound() throws Exception {
        try (SupervisionFixture f = new SupervisionFixture(dir, at(FRIDAY, 15, 0))) {
            long id = complaintOnFridayWithMakeUpSaturday(f);
            User owner = f.user("super");
            f.orders.act(owner, "-", id, OrderAction.START, null, "");
            f.orders.act(owner, "-", id, OrderAction.ANSWER, null, "已回电解释");
            f.clock.set(at(TUESDAY, 16, 0));
            assertThat(f.escalator().tick()).isEmpty();
            f.orders.act(f.user("boss"), "-", id, OrderAction.REOPEN, null, "客户不接受");
            WorkOrder reopened = f.store.order(id).orElseThrow();
            assertThat(reopened.round()).isEqualTo(2);
            assertThat(reopened.deadline()).isEqualTo(at(LocalDate.of(2026, 12, 17), 16, 0));
            f.clock.set(reopened.deadline());
            assertThat(f.escalator().tick()).extracting(Notice::key).containsExactly(id + "/2/reminder",
                    id + "/2/notice");
        }
    }
}
