package io.counterline.server.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Health;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Reconcile;
import io.counterline.server.store.Rows.UplinkRow;
import io.counterline.server.store.SqliteBranchStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Daily device health summaries built from a real SQLite branch store's health events. */
class DeviceHealthDaysTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessageCodec codec = new MessageCodec();

    @TempDir
    Path dir;
    SqliteBranchStore store;
    final AtomicInteger wakes = new AtomicInteger();
    int seq;

    @BeforeEach
    void open() throws Exception {
        store = SqliteBranchStore.open(dir.resolve("branch.db"), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void report(String device, String at, Health health) throws Exception {
        seq++;
        store.storeEvents(List.of(new EventEnvelope(MessageCodec.VERSION, device + "-h" + seq, seq, device,
                EventType.HEALTH_CHANGED, Instant.parse(at), 1, codec.toBody(new Bodies.HealthChanged(health)))));
    }

    private DeviceHealthDays days(String now) {
        return new DeviceHealthDays(store, SHANGHAI, Clock.fixed(Instant.parse(now), ZoneOffset.UTC), wakes::incrementAndGet);
    }

    private List<JsonNode> journaled(EventType type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (UplinkRow r : store.journaledUplink(0, 1000)) {
            if (r.type().equals(type.wire())) {
                out.add(JSON.readTree(r.body()));
            }
        }
        return out;
    }

    @Test
    void endedDaysBuiltOncePerDevice_missedDaysAtTheNextRun_countedAndSentAgainForReconciliation() throws Exception {
        report("kiosk-1", "2026-12-02T01:00:00Z", Health.OK);                    // before the first day built
        report("kiosk-1", "2026-12-03T18:00:00Z", Health.degraded("printer: paper low"));  // 12-04 02:00 Shanghai
        report("kiosk-1", "2026-12-03T20:00:00Z", Health.OK);
        report("pad-1", "2026-12-04T15:59:59Z", Health.offline("no link"));      // 23:59:59 on 12-04 in Shanghai
        report("pad-1", "2026-12-04T16:00:00Z", Health.OK);                      // 12-05 already

        // First run on 12-05 (Shanghai): yesterday, 12-04, only.
        assertThat(days("2026-12-05T02:00:00Z").buildMissing()).containsExactly(LocalDate.parse("2026-12-04"));
        List<JsonNode> built = journaled(EventType.BRANCH_DEVICE_HEALTH_DAY);
        assertThat(built).extracting(b -> b.path("device").asText()).containsExactly("kiosk-1", "pad-1");
        JsonNode kiosk = built.get(0);
        assertThat(kiosk.path("day").asText()).isEqualTo("2026-12-04");
        assertThat(kiosk.path("degradedSeconds").asLong()).isEqualTo(2 * 3600);
        assertThat(kiosk.path("okSeconds").asLong()).isEqualTo(22 * 3600);
        assertThat(kiosk.path("worst").asText()).isEqualTo("degraded");
        JsonNode pad = built.get(1);
        assertThat(pad.path("unknownSeconds").asLong()).isEqualTo(24 * 3600 - 1);
        assertThat(pad.path("offlineSeconds").asLong()).isEqualTo(1);
        assertThat(wakes.get()).isEqualTo(1);

        assertThat(days("2026-12-05T10:00:00Z").buildMissing()).as("once per day").isEmpty();
        assertThat(journaled(EventType.BRANCH_DEVICE_HEALTH_DAY)).hasSize(2);

        // The server was off over 12-05 and 12-06: both built at the next run on 12-07.
        assertThat(days("2026-12-07T01:00:00Z").buildMissing())
                .containsExactly(LocalDate.parse("2026-12-05"), LocalDate.parse("2026-12-06"));
        assertThat(journaled(EventType.BRANCH_DEVICE_HEALTH_DAY)).hasSize(6);

        var counts = store.reconcileCounts("2026-12-04");
        assertThat(counts.get(EventType.BRANCH_DEVICE_HEALTH_DAY)).isEqualTo(2);
        assertThat(counts.get(EventType.BRANCH_DEVICE_HEALTH)).as("UTC day of the reports").isEqualTo(2);

        store.forgetJournaledUplink(Long.MAX_VALUE);
        Reconciliation reconciliation = new Reconciliation("b1", store, () -> { }, () -> 0,
                Clock.fixed(Instant.parse("2026-12-07T01:00:00Z"), ZoneOffset.UTC));
        assertThat(reconciliation.resend(new Reconcile.Resend(LocalDate.parse("2026-12-04"),
                EventType.BRANCH_DEVICE_HEALTH_DAY))).isEqualTo(2);
        assertThat(reconciliation.resend(new Reconcile.Resend(LocalDate.parse("2026-12-03"),
                EventType.BRANCH_DEVICE_HEALTH))).isEqualTo(2);
        assertThat(journaled(EventType.BRANCH_DEVICE_HEALTH_DAY)).extracting(b -> b.path("device").asText() + " "
                + b.has(Reconcile.RESENT)).containsExactly("kiosk-1 true", "pad-1 true");
        assertThat(journaled(EventType.BRANCH_DEVICE_HEALTH)).extracting(b -> b.path("event").asText())
                .containsExactly("kiosk-1-h2", "kiosk-1-h3");
    }
}
