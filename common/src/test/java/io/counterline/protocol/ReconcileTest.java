package io.counterline.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counts of the nightly reconciliation, with the kinds added after the first ones optional. */
class ReconcileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.parse("2026-12-04");

    private static ObjectNode olderBranchsCounts() {
        ObjectNode body = JSON.createObjectNode().put("branch", "b1").put("day", DAY.toString());
        body.putObject("counts").put("branch.ticket", 3).put("branch.ticket-step", 6).put("branch.call", 3)
                .put("branch.rating", 2);
        return body;
    }

    @Test
    void countsOfEveryKind_travelAndComeBackTheSame() {
        Map<EventType, Long> all = new java.util.EnumMap<>(EventType.class);
        Reconcile.KINDS.forEach(k -> all.put(k, (long) k.ordinal()));
        var counts = new Reconcile.Counts("b1", DAY, all);
        assertThat(Reconcile.Counts.of(counts.toBody())).isEqualTo(new Decoded.Accepted<>(counts));
    }

    @Test
    void branchThatDoesNotCountTheNewerKinds_accepted_withThoseKindsAbsent() {
        var decoded = Reconcile.Counts.of(olderBranchsCounts());
        assertThat(decoded).isInstanceOf(Decoded.Accepted.class);
        assertThat(((Decoded.Accepted<Reconcile.Counts>) decoded).message().counts())
                .containsOnlyKeys(EventType.BRANCH_TICKET, EventType.BRANCH_TICKET_STEP, EventType.BRANCH_CALL,
                        EventType.BRANCH_RATING);
    }

    @Test
    void missingFirstKind_orANewerKindOutOfRange_rejected() {
        ObjectNode noCalls = olderBranchsCounts();
        ((ObjectNode) noCalls.get("counts")).remove("branch.call");
        assertThat(Reconcile.Counts.of(noCalls)).isInstanceOf(Decoded.Rejected.class);
        ObjectNode negative = olderBranchsCounts();
        ((ObjectNode) negative.get("counts")).put("branch.work-order", -1);
        assertThat(Reconcile.Counts.of(negative)).isInstanceOf(Decoded.Rejected.class);
        ObjectNode text = olderBranchsCounts();
        ((ObjectNode) text.get("counts")).put("branch.device-health-day", "many");
        assertThat(Reconcile.Counts.of(text)).isInstanceOf(Decoded.Rejected.class);
    }

    @Test
    void requestForANewerKind_readBackFromTheWire() {
        var request = new Reconcile.Resend(DAY, EventType.BRANCH_WORK_ORDER);
        assertThat(Reconcile.Resend.decode(request.encode())).contains(request);
        assertThat(Reconcile.Resend.decode("{\"day\":\"2026-12-04\",\"kind\":\"slip.printed\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
    }
}
