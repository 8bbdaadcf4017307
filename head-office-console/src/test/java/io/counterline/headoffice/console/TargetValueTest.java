package io.counterline.headoffice.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetValueTest {
    @Test
    void aPlainNumberWithinTheBound_isTaken() {
        assertThat(HeadOfficeRoutes.targetValue(Measure.SERVED, " 1200 ")).isEqualByComparingTo(new BigDecimal("1200"));
        assertThat(HeadOfficeRoutes.targetValue(Measure.SATISFACTION, "92.50")).isEqualByComparingTo(new BigDecimal("92.5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1e9", "NaN", "<script>alert(1)</script>", "12,5", "0x10", "1.234",
            "99999999999999999999999"})
    void anythingElse_isRefusedSayingWhatATargetIs(String raw) {
        assertThatThrownBy(() -> HeadOfficeRoutes.targetValue(Measure.SERVED, raw))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target");
    }

    @Test
    void aShareAbove100_isRefused() {
        assertThatThrownBy(() -> HeadOfficeRoutes.targetValue(Measure.SATISFACTION, "100.01"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100");
    }
}
