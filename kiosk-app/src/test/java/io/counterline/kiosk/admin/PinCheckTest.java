package io.counterline.kiosk.admin;

import io.counterline.config.PinHash;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.testing.ManualClock;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PinCheckTest {
    private static final PinHash PIN = PinHash.parse(PinHash.hash("2468"));

    @Test
    void check_rightAndWrongPins_okAndWrong() {
        PinCheck check = new PinCheck(PIN, Clock.systemUTC());

        assertThat(check.check("2468")).isEqualTo(PinCheck.Result.OK);
        assertThat(check.check("2469")).isEqualTo(PinCheck.Result.WRONG);
    }

    @Test
    void check_fiveWrong_lockedEvenForTheRightPinUntilTheLockoutEnds() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T01:00:00Z"));
        PinCheck check = new PinCheck(PIN, clock);
        for (int i = 1; i < PinCheck.ATTEMPTS; i++) {
            assertThat(check.check("0000")).isEqualTo(PinCheck.Result.WRONG);
        }
        assertThat(check.check("0000")).isEqualTo(PinCheck.Result.LOCKED);

        assertThat(check.check("2468")).isEqualTo(PinCheck.Result.LOCKED);
        clock.advance(PinCheck.LOCKOUT);
        assertThat(check.check("2468")).isEqualTo(PinCheck.Result.OK);
    }
}
