package io.counterline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.console.store.ConsoleStore;
import io.counterline.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Login throttling kept in a real console.db: a restart of the console does not reset the counts. */
class LoginThrottleRestartTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T02:00:00Z"));

    private void fail(LoginThrottle throttle, String login, String ip) {
        clock.advance(throttle.wait(login, ip));
        throttle.failed(login, ip);
    }

    @Test
    void tenFailures_thenARestart_theNextAttemptStillWaits() throws Exception {
        Path file = dir.resolve("console.db");
        Duration before;
        List<LoginThrottle.Entry> entriesBefore;
        try (ConsoleStore store = ConsoleStore.open(file);
             LoginThrottle throttle = new LoginThrottle(clock, store.throttleKeeper())) {
            for (int i = 0; i < 10; i++) {
                fail(throttle, "anna", "10.0.0.1");
            }
            fail(throttle, "bob", "10.0.0.2");
            before = throttle.wait("anna", "10.0.0.9");
            entriesBefore = throttle.entries();
        }
        assertThat(before).isEqualTo(Duration.ofSeconds(128));

        try (ConsoleStore store = ConsoleStore.open(file);
             LoginThrottle throttle = new LoginThrottle(clock, store.throttleKeeper())) {
            assertThat(throttle.wait("anna", "10.0.0.9")).isEqualTo(before);
            assertThat(throttle.entries()).containsExactlyElementsOf(entriesBefore);
            // The eleventh failure counts on from ten: 2^(11-3) s.
            fail(throttle, "anna", "10.0.0.1");
            assertThat(throttle.wait("anna", "10.0.0.9")).isEqualTo(Duration.ofSeconds(256));
            throttle.succeeded("bob");
        }

        try (ConsoleStore store = ConsoleStore.open(file)) {
            assertThat(store.throttleEntries()).extracting(LoginThrottle.Entry::key)
                    .containsExactlyInAnyOrder("account:anna", "address:10.0.0.1", "address:10.0.0.2");
            assertThat(store.throttleEntries()).filteredOn(e -> e.key().equals("account:anna"))
                    .singleElement().satisfies(e -> assertThat(e.failures()).isEqualTo(11));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hang: failed() waiting for the store
    void failure_isCountedAtOnce_whileTheStoreIsStillWriting() throws Exception {
        CountDownLatch saving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LoginThrottle.Keeper slowStore = new LoginThrottle.Keeper() {
            @Override
            public List<LoginThrottle.Entry> load() {
                return List.of();
            }

            @Override
            public void save(List<LoginThrottle.Entry> entries, List<String> removed) throws InterruptedException {
                saving.countDown();
                release.await();
            }
        };
        try (LoginThrottle throttle = new LoginThrottle(clock, slowStore)) {
            fail(throttle, "anna", "10.0.0.1");
            await().atMost(Duration.ofSeconds(20)).until(() -> saving.getCount() == 0);
            // The writer is stuck in the store; sign-in failures still count, from memory, at once.
            for (int i = 0; i < 5; i++) {
                fail(throttle, "anna", "10.0.0.1");
            }
            assertThat(throttle.wait("anna", "10.0.0.1")).isEqualTo(Duration.ofSeconds(8));
            release.countDown();
        }
    }
}
