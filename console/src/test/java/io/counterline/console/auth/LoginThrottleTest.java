package io.counterline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T02:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String login, String ip) {
        // Each failure comes as soon as the throttle allows it.
        now.set(now.get().plus(throttle.wait(login, ip)));
        throttle.failed(login, ip);
    }

    @Test
    void firstFailures_costNothing_thenEachWaitDoubles() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            fail("anna", "10.0.0.1");
            assertThat(throttle.wait("anna", "10.0.0.1")).isZero();
        }
        Duration previous = Duration.ZERO;
        for (int i = 0; i < 7; i++) {
            fail("anna", "10.0.0.1");
            Duration wait = throttle.wait("anna", "10.0.0.1");
            assertThat(wait).isGreaterThan(previous);
            previous = wait;
        }
        // Ten failures: the eleventh attempt waits 2^(10-3) s.
        assertThat(previous).isEqualTo(Duration.ofSeconds(128));
    }

    @Test
    void theAccountIsSlowedFromAnyAddress_andTheAddressForAnyAccount() {
        for (int i = 0; i < 5; i++) {
            fail("anna", "10.0.0." + i);
        }
        assertThat(throttle.wait("anna", "10.9.9.9")).isPositive();
        for (int i = 0; i < 5; i++) {
            fail("user" + i, "10.0.0.77");
        }
        assertThat(throttle.wait("bob", "10.0.0.77")).isPositive();
        assertThat(throttle.wait("bob", "10.0.0.78")).isZero();
    }

    @Test
    void success_clearsTheAccount_butNotTheAddress() {
        for (int i = 0; i < 5; i++) {
            fail("anna", "10.0.0.1");
        }
        now.set(now.get().plus(throttle.wait("anna", "10.0.0.1")));
        throttle.succeeded("anna");
        assertThat(throttle.wait("anna", "10.0.0.2")).isZero();
        assertThat(throttle.entries()).extracting(LoginThrottle.Entry::key).containsExactly("address:10.0.0.1");
    }

    @Test
    void delay_isCappedAtFifteenMinutes() {
        assertThat(LoginThrottle.delay(200)).isEqualTo(Duration.ofMinutes(15));
    }
}
