package io.counterline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {
    @Test
    void of_firstDeviceAlone_thenTranchesOfN_inTheOrderGiven() {
        RolloutPlan plan = RolloutPlan.of(List.of("kiosk-1", "kiosk-2", "kiosk-3", "kiosk-4", "kiosk-5", "kiosk-6"), 2);

        assertThat(plan.tranches()).containsExactly(List.of("kiosk-1"), List.of("kiosk-2", "kiosk-3"),
                List.of("kiosk-4", "kiosk-5"), List.of("kiosk-6"));
        assertThat(plan.lines()).isEqualTo("kiosk-1\nkiosk-2 kiosk-3\nkiosk-4 kiosk-5\nkiosk-6\n");
    }

    @Test
    void of_oneDevice_orATrancheLargerThanTheRest_isTwoStepsAtMost() {
        assertThat(RolloutPlan.of(List.of("pad-1"), 5).tranches()).containsExactly(List.of("pad-1"));
        assertThat(RolloutPlan.of(List.of("pad-1", "pad-2", "pad-3"), 10).tranches())
                .containsExactly(List.of("pad-1"), List.of("pad-2", "pad-3"));
    }

    @Test
    void of_badLists_areRefusedWithTheReason() {
        assertThatThrownBy(() -> RolloutPlan.of(List.of(), 1)).hasMessageContaining("names no device");
        assertThatThrownBy(() -> RolloutPlan.of(List.of("pad-1"), 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RolloutPlan.of(List.of("pad-1", "pad-2", "pad-1"), 1)).hasMessageContaining("pad-1 twice");
        assertThatThrownBy(() -> RolloutPlan.of(List.of("pad 1; rm -rf"), 1)).hasMessageContaining("'pad 1; rm -rf'");
        assertThatThrownBy(() -> RolloutPlan.of(java.util.Collections.nCopies(1001, "pad-1"), 1))
                .hasMessageContaining("at most 1000");
    }
}
