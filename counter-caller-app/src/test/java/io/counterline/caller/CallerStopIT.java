package io.counterline.caller;

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
 * {@code systemctl stop} on a real counter caller process (its {@link Main}, window and all) on a
 * real Mosquitto: SIGTERM closes it through the one shutdown list, and the retained status it
 * leaves is "stopped", not the Last Will's "connection lost" that a crash leaves.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CallerStopIT {
    @TempDir
    Path dir;

    @Test
    void sigterm_closesEverything_retainedStatusSaysStopped() throws Exception {
        try (Mosquitto broker = Mosquitto.anonymous(dir).start();
             StatusWatch watch = StatusWatch.start(broker.uri(), "b001", "caller-1", "watch-1")) {
            Path config = dir.resolve("caller-1.conf");
            Files.writeString(config, """
                    device { id = caller-1, branch = b001, data-dir = "%s" }
                    broker { uri = "%s", secret = "caller-1-secret-0001" }
                    counter-caller {
                      counter = c1
                      counter-number = "1"
                      screen { full-screen = false, width = 800, height = 480 }
                    }
                    """.formatted(dir.resolve("data"), broker.uri()));
            try (AppProcess caller = AppProcess.start(Main.class.getName(), List.of("--config", config.toString()),
                    dir.resolve("caller.log"))) {
                watch.awaitStatus(StatusWatch::online, "caller-1 online");
                await().atMost(Duration.ofSeconds(60)).until(() -> caller.output().contains("window shown"));

                caller.sigterm();

                assertThat(caller.awaitExit(Duration.ofSeconds(30))).as(caller.output()).isEqualTo(143);
                assertThat(caller.output()).contains("counter-caller stopped");
            }
            watch.awaitStatus(StatusWatch::stopped, "caller-1 stopped");
            try (StatusWatch later = StatusWatch.start(broker.uri(), "b001", "caller-1", "watch-2")) {
                later.awaitStatus(StatusWatch::stopped, "retained status of caller-1: stopped");
            }
        }
    }
}
