package io.counterline.hall;

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
 * {@code systemctl stop} on a real hall display process (its {@link Main}, window and all) on a
 * real Mosquitto: SIGTERM closes it through the one shutdown list, and the retained status it
 * leaves is "stopped", not the Last Will's "connection lost" that a crash leaves.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HallStopIT {
    @TempDir
    Path dir;

    @Test
    void sigterm_closesEverything_retainedStatusSaysStopped() throws Exception {
        try (Mosquitto broker = Mosquitto.anonymous(dir).start();
             StatusWatch watch = StatusWatch.start(broker.uri(), "b001", "hall-1", "watch-1")) {
            Path config = dir.resolve("hall-1.conf");
            Files.writeString(config, """
                    device { id = hall-1, branch = b001, data-dir = "%s" }
                    broker { uri = "%s", secret = "hall-1-secret-0001" }
                    counterline.hall { full-screen = false, width = 1280, height = 720, content-folder = "%s" }
                    announcer.type = simulated
                    """.formatted(dir.resolve("data"), broker.uri(), dir.resolve("content")));
            try (AppProcess hall = AppProcess.start(Main.class.getName(), List.of("--config", config.toString()),
                    dir.resolve("hall.log"))) {
                watch.awaitStatus(StatusWatch::online, "hall-1 online");
                await().atMost(Duration.ofSeconds(60)).until(() -> hall.output().contains("window shown"));

                hall.sigterm();

                assertThat(hall.awaitExit(Duration.ofSeconds(30))).as(hall.output()).isEqualTo(143);
                assertThat(hall.output()).contains("hall-display stopped");
            }
            watch.awaitStatus(StatusWatch::stopped, "hall-1 stopped");
            try (StatusWatch later = StatusWatch.start(broker.uri(), "b001", "hall-1", "watch-2")) {
                later.awaitStatus(StatusWatch::stopped, "retained status of hall-1: stopped");
            }
        }
    }
}
