package io.counterline.console.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escalator's process is SIGKILLed in the middle of a look, after some notices were stored
 * and shown and before the others: the next process raises each of the others exactly once and
 * none of the shown ones again.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EscalatorKillTest {
    private static final Instant FRIDAY_1500 = Instant.parse("2026-12-11T07:00:00Z");
    private static final Instant WEEKS_LATER = Instant.parse("2027-01-15T07:00:00Z");
    private static final int ORDERS = 40;
    private static final int SHOWN_BEFORE_KILL = 25;

    @TempDir
    Path dir;

    @Test
    void sigkillBetweenNotices_nextProcessRaisesTheRestExactlyOnce() throws Exception {
        try (SupervisionFixture f = new SupervisionFixture(dir, FRIDAY_1500)) {
            for (int i = 0; i < ORDERS; i++) {
                f.orders.create(f.user("boss"), "-", new WorkOrders.Draft("complaint", "phone", "normal", "d" + i, "",
                        null, "c1", null, "super", null));
            }
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EscalatorChild.class.getName(), dir.resolve("console.db").toString(),
                WEEKS_LATER.toString(), Integer.toString(SHOWN_BEFORE_KILL)).redirectErrorStream(true).start();
        Set<String> shown = new HashSet<>();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("waiting")) {
                lines.add(line);
                if (line.startsWith("raised ")) {
                    shown.add(line.substring(7));
                }
            }
            assertThat(line).as("the child's output: %s", lines).isEqualTo("waiting");
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(shown).hasSize(SHOWN_BEFORE_KILL);

        try (SupervisionFixture f = SupervisionFixture.reopen(dir, WEEKS_LATER)) {
            List<Notice> after = f.escalator().tick();
            Set<String> raisedAfter = new HashSet<>();
            after.forEach(n -> raisedAfter.add(n.key()));
            assertThat(raisedAfter).as("none shown before the kill is raised again").doesNotContainAnyElementsOf(shown);
            assertThat(after).hasSize(ORDERS * EscalationLevel.values().length - SHOWN_BEFORE_KILL);
            assertThat(f.store.notices(1000)).as("every level of every order, once")
                    .hasSize(ORDERS * EscalationLevel.values().length);
            assertThat(f.escalator().tick()).isEmpty();
        }
    }
}
