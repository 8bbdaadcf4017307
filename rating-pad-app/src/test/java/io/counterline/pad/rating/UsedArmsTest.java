package io.counterline.pad.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsedArmsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void add_thenReopen_stillUsed() throws Exception {
        try (UsedArms used = UsedArms.open(dir.resolve("used-arms.db"), Clock.fixed(NOW, ZoneOffset.UTC))) {
            used.add("arm-1", UsedArms.Outcome.RATED);
            used.add("arm-1", UsedArms.Outcome.EXPIRED);
            assertThat(used.contains("arm-2")).isFalse();
        }
        try (UsedArms used = UsedArms.open(dir.resolve("used-arms.db"), Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertThat(used.contains("arm-1")).isTrue();
            assertThat(used.contains("arm-2")).isFalse();
        }
    }

    @Test
    void open_rowsOlderThanAWeek_dropped() throws Exception {
        try (UsedArms used = UsedArms.open(dir.resolve("used-arms.db"), Clock.fixed(NOW, ZoneOffset.UTC))) {
            used.add("arm-old", UsedArms.Outcome.RATED);
        }
        Instant sixDaysLater = NOW.plus(UsedArms.KEEP).minusSeconds(3600);
        try (UsedArms used = UsedArms.open(dir.resolve("used-arms.db"), Clock.fixed(sixDaysLater, ZoneOffset.UTC))) {
            assertThat(used.contains("arm-old")).isTrue();
        }
        Instant eightDaysLater = NOW.plus(UsedArms.KEEP).plusSeconds(3600);
        try (UsedArms used = UsedArms.open(dir.resolve("used-arms.db"), Clock.fixed(eightDaysLater, ZoneOffset.UTC))) {
            assertThat(used.contains("arm-old")).isFalse();
        }
    }
}
