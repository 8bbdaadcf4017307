package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    private final RoutingPolicy routing = new RoutingPolicy(Duration.ofMinutes(5));

    private static Ticket waiting(String number, String service, Instant issuedAt) {
        return new Ticket("b-" + number, "2026-11-22", service, 1, number, issuedAt, "k1", false);
    }

    @Test
    void score_issueTimeHundredsOfMillionsOfYearsAway_doesNotOverflow() {
        Ticket ancient = waiting("A001", "A", Instant.parse("-300000000-01-01T00:00:00Z"));
        Ticket future = waiting("A002", "A", Instant.parse("+300000000-01-01T00:00:00Z"));
        Ticket normal = waiting("A003", "A", NOW.minusSeconds(60));
        Map<String, Integer> weights = Map.of("A", 1);
        assertThat(routing.score(future, weights, NOW, "c1")).isEqualTo(1.0);
        assertThat(routing.score(ancient, weights, NOW, "c1")).isEqualTo(1 + 7 * 24 * 60 / 5.0);
        assertThat(routing.choose("c1", weights, List.of(future, normal), NOW)).get()
                .extracting(RoutingPolicy.Choice::ticket).isSameAs(normal);
    }
}
