package io.counterline.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceHealthTest {
    @Test
    void report_worstPartWins_andReasonNamesParts() {
        DeviceHealth h = new DeviceHealth();
        List<Health> seen = new ArrayList<>();
        h.onChange(seen::add);
        h.report("outbox", Health.OK);
        h.report("printer", Health.offline("paper out"));
        h.report("outbox", Health.degraded("80% full"));
        assertThat(h.overall().level()).isEqualTo(HealthLevel.OFFLINE);
        assertThat(h.overall().reason()).isEqualTo("outbox: 80% full; printer: paper out");
        h.report("printer", Health.OK);
        h.report("outbox", Health.OK);
        assertThat(h.overall()).isEqualTo(Health.OK);
        assertThat(seen).extracting(Health::level)
                .containsExactly(HealthLevel.OFFLINE, HealthLevel.OFFLINE, HealthLevel.DEGRADED, HealthLevel.OK);
    }
}
