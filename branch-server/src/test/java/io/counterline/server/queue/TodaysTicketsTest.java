package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TodaysTicketsTest {
    private final TodaysTickets tickets = new TodaysTickets();

    private static Ticket ticket(String service, int n) {
        String number = service + String.format("%03d", n);
        return new Ticket("b-" + number, "2026-11-22", service, n, number, Instant.EPOCH.plusSeconds(n), "k1", false);
    }

    @Test
    void waitingIndex_followsEveryStatusChange() {
        Ticket a1 = ticket("A", 1);
        Ticket a2 = ticket("A", 2);
        Ticket b1 = ticket("B", 1);
        tickets.add(a1);
        tickets.add(a2);
        tickets.add(b1);
        assertThat(tickets.waitingCount("A")).isEqualTo(2);
        tickets.setStatus(a1, TicketStatus.CALLED);
        assertThat(tickets.waitingCount("A")).isEqualTo(1);
        assertThat(tickets.waiting()).containsExactlyInAnyOrder(a2, b1);
        // A transfer: another service, waiting again.
        a1.service = "B";
        tickets.setStatus(a1, TicketStatus.WAITING);
        assertThat(tickets.waitingCount("A")).isEqualTo(1);
        assertThat(tickets.waitingCount("B")).isEqualTo(2);
        assertThat(tickets.byNumber("A001")).isSameAs(a1);
        assertThat(tickets.get("b-B001")).isSameAs(b1);
        tickets.clear();
        assertThat(tickets.size()).isZero();
        assertThat(tickets.waiting()).isEmpty();
    }
}
