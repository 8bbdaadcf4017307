package io.counterline.pad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.testing.AppProcess;
import io.counterline.testing.Mosquitto;
import io.counterline.testing.StatusWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemctl stop} on a real rating pad process (its {@link Main} on simulated keys, headless or with its screen) on a
 * real Mosquitto: SIGTERM closes it through the one shutdown list, and the retained status it
 * leaves is "stopped", not the Last Will's "connection lost" that a crash leaves.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PadStopIT {
    @TempDir
    Path dir;

    @Test
    void sigterm_headless_closesEverything_retainedStatusSaysStopped() throws Exception {
        sigterm_closesEverything_retainedStatusSaysStopped("", "rating pad pad-1 at counter c1");
    }

    @Test
    void sigterm_withScreen_closesEverything_retainedStatusSaysStopped() throws Exception {
        sigterm_closesEverything_retainedStatusSaysStopped(
                ", screen { enabled = true, full-screen = false, width = 800, height = 480 }", "window shown");
    }

    private void sigterm_closesEverything_retainedStatusSaysStopped(String screen, String started) throws Exception {
        try (Mosquitto broker = Mosquitto.anonymous(dir).start();
             StatusWatch watch = StatusWatch.start(broker.uri(), "b001", "pad-1", "watch-1")) {
            Path config = dir.resolve("pad-1.conf");
            Files.writeString(config, """
                    device { id = pad-1, branch = b001, data-dir = "%s" }
                    broker { uri = "%s", secret = "pad-1-secret-0001" }
                    rating-pad { counter = c1, keys.type = simulated %s }
                    """.formatted(dir.resolve("data"), broker.uri(), screen));
            try (AppProcess pad = AppProcess.start(Main.class.getName(), List.of("--config", config.toString()),
                    dir.resolve("pad.log"))) {
                watch.awaitStatus(StatusWatch::online, "pad-1 online");
                await().atMost(Duration.ofSeconds(60)).until(() -> pad.output().contains(started));

                pad.sigterm();

                assertThat(pad.awaitExit(Duration.ofSeconds(30))).as(pad.output()).isEqualTo(143);
                assertThat(pad.output()).contains("rating-pad stopped");
            }
            watch.awaitStatus(StatusWatch::stopped, "pad-1 stopped");
            try (StatusWatch later = StatusWatch.start(broker.uri(), "b001", "pad-1", "watch-2")) {
                later.awaitStatus(StatusWatch::stopped, "retained status of pad-1: stopped");
            }
        }
    }
}
