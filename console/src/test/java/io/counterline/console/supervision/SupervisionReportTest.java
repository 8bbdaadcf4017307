package io.counterline.console.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.console.report.ReportTables.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisionReportTest {
    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");
    private static final Map<String, Category> CATS = Map.of("complaint", new Category("complaint", "投诉", "Complaint", "2d"),
            "consultation", new Category("consultation", "咨询", "Consultation", "4h"));

    private static WorkOrder order(long id, String category, String channel, OrderState state, Duration deadlineIn,
                                   Duration answeredIn, Duration closedIn) {
        return new WorkOrder(id, category, channel, state, "normal", "d", "", null, null, "c1", "t1", "boss",
                T0.plus(deadlineIn), 1, "boss", T0, answeredIn == null ? null : T0.plus(answeredIn),
                closedIn == null ? null : T0.plus(closedIn));
    }

    @Test
    void figures_byCategoryChannelAndState_withOnTimeRateAndOverdueList() {
        List<WorkOrder> orders = List.of(
                order(1, "complaint", "phone", OrderState.CLOSED, Duration.ofHours(16), Duration.ofHours(2),
                        Duration.ofHours(4)),                                                    // on time
                order(2, "complaint", "rating", OrderState.ANSWERED, Duration.ofHours(16), Duration.ofHours(20), null), // late
                order(3, "consultation", "phone", OrderState.IN_PROGRESS, Duration.ofHours(4), null, null), // overdue now
                order(4, "consultation", "letter", OrderState.NEW, Duration.ofDays(30), null, null));    // not due yet
        List<Table> t = SupervisionReport.of(orders, CATS, SupervisionFixture.DIR, T0.plus(Duration.ofDays(2)), "en");
        assertThat(t).extracting(Table::title).containsExactly("Category", "Channel", "State", "Overdue");
        // group, orders, answered, closed, on-time rate, hours to answer, hours to close, overdue
        assertThat(t.get(0).rows()).containsExactly(
                List.of("Complaint", "2", "2", "1", "50.0%", "11.0", "4.0", "0"),
                List.of("Consultation", "2", "0", "0", "0.0%", "–", "–", "1"),
                List.of("Total", "4", "2", "1", "33.3%", "11.0", "4.0", "1"));
        assertThat(t.get(1).rows()).extracting(r -> r.get(0)).containsExactly("Phone", "Rating pad", "Letter", "Total");
        assertThat(t.get(2).rows()).contains(List.of("Closed", "1"), List.of("In progress", "1"), List.of("New", "1"));
        assertThat(t.get(3).rows()).singleElement().satisfies(r -> assertThat(r.get(0)).isEqualTo("3"));
    }
}
