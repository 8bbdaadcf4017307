package io.counterline.server.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Reconcile;
import io.counterline.server.store.Rows.CallRow;
import io.counterline.server.store.Rows.UplinkRow;
import io.counterline.server.store.SqliteBranchStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The branch's half of reconciliation on a real SQLite branch store (head office's half: {@code ReconciliationIT}). */
class ReconciliationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T01:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    SqliteBranchStore store;
    final AtomicInteger waiting = new AtomicInteger();
    final AtomicInteger wakes = new AtomicInteger();
    Reconciliation reconciliation;

    @BeforeEach
    void open() throws Exception {
        store = SqliteBranchStore.open(dir.resolve("branch.db"), CLOCK);
        reconciliation = new Reconciliation("b1", store, wakes::incrementAndGet, waiting::get, CLOCK);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void nightly_waitsWhileTheUplinkHasFactsWaiting_thenCountsTheLastSevenDaysOncePerDay() throws Exception {
        reconciliation.reportedThrough(LocalDate.parse("2026-12-04"));
        assertThat(reconciliation.nightly()).as("yesterday already counted (as at an uplink's start)").isFalse();
        reconciliation.reportedThrough(LocalDate.parse("2026-12-03"));
        waiting.set(5);
        assertThat(reconciliation.nightly()).as("facts still on their way").isFalse();
        assertThat(journal()).isEmpty();

        waiting.set(0);
        assertThat(reconciliation.nightly()).isTrue();
        List<UplinkRow> rows = journal();
        assertThat(rows).hasSize(Reconciliation.NIGHTLY_DAYS)
                .allSatisfy(r -> assertThat(r.type()).isEqualTo(EventType.BRANCH_RECONCILE.wire()));
        assertThat(JSON.readTree(rows.get(rows.size() - 1).body()).path("day").asText()).isEqualTo("2026-12-04");
        assertThat(JSON.readTree(rows.get(0).body()).path("day").asText()).isEqualTo("2026-11-28");
        assertThat(wakes.get()).isEqualTo(Reconciliation.NIGHTLY_DAYS);

        assertThat(reconciliation.nightly()).as("once per day").isFalse();
        assertThat(journal()).hasSize(Reconciliation.NIGHTLY_DAYS);
    }

    @Test
    void resendRequest_journalsThatDaysFactsOfThatKindMarkedResent_badRequestDropped() throws Exception {
        Instant day4 = Instant.parse("2026-12-04T10:00:00Z");
        for (int i = 1; i <= 3; i++) {
            store.insertCall(new CallRow("call" + i, "t" + i, "A" + i, "c1", "t1", day4.plusSeconds(i), 0, "next"));
        }
        store.insertCall(new CallRow("call-other-day", "t9", "A9", "c1", "t1", day4.plusSeconds(86_400), 0, "next"));

        reconciliation.onRequest("{not json".getBytes(StandardCharsets.UTF_8));
        reconciliation.onRequest("{\"day\":\"2026-12-04\",\"kind\":\"slip.printed\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(journal()).as("bad requests are dropped").isEmpty();

        reconciliation.onRequest(new Reconcile.Resend(LocalDate.parse("2026-12-04"), EventType.BRANCH_CALL).encode());
        List<String> ids = new ArrayList<>();
        for (UplinkRow r : journal()) {
            JsonNode body = JSON.readTree(r.body());
            assertThat(r.type()).isEqualTo(EventType.BRANCH_CALL.wire());
            assertThat(body.path(Reconcile.RESENT).asText()).isEqualTo(CLOCK.instant().toString());
            ids.add(body.path("id").asText());
        }
        assertThat(ids).containsExactly("call1", "call2", "call3");
        assertThat(store.reconcileCounts("2026-12-04")).containsEntry(EventType.BRANCH_CALL, 3L);
    }

    private List<UplinkRow> journal() throws Exception {
        return store.journaledUplink(0, 1000);
    }
}
