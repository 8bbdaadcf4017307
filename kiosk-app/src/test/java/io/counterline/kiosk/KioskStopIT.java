package io.counterline.kiosk;

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
 * {@code systemctl stop} on a real kiosk process (its {@link Main}, window and all) on a real
 * Mosquitto: SIGTERM closes it through the one shutdown list, and the retained status it leaves
 * is "stopped", not the Last Will's "connection lost" that a crash leaves.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KioskStopIT {
    @TempDir
    Path dir;

    @Test
    void sigterm_closesEverything_retainedStatusSaysStopped() throws Exception {
        try (Mosquitto broker = Mosquitto.anonymous(dir).start();
             StatusWatch watch = StatusWatch.start(broker.uri(), "b001", "kiosk-1", "watch-1")) {
            Path config = dir.resolve("kiosk-1.conf");
            Files.writeString(config, """
                    device { id = kiosk-1, branch = b001, data-dir = "%s" }
                    broker { uri = "%s", secret = "kiosk-1-secret-0001" }
                    printer { type = simulated, simulated.output-dir = "%s" }
                    kiosk {
                      admin-pin-hash = "%s"
                      screen { full-screen = false, width = 1280, height = 800 }
                    }
                    """.formatted(dir.resolve("data"), broker.uri(), dir.resolve("slips"), KioskFixture.ADMIN_PIN_HASH));
            try (AppProcess kiosk = AppProcess.start(Main.class.getName(), List.of("--config", config.toString()),
                    dir.resolve("kiosk.log"))) {
                watch.awaitStatus(StatusWatch::online, "kiosk-1 online");
                await().atMost(Duration.ofSeconds(60)).until(() -> kiosk.output().contains("window shown"));

                kiosk.sigterm();

                int status = kiosk.awaitExit(Duration.ofSeconds(30));
                assertThat(status).as(kiosk.output()).isEqualTo(143); // 128 + SIGTERM, after the hook ran
                assertThat(kiosk.output()).contains("kiosk stopped");
            }
            watch.awaitStatus(StatusWatch::stopped, "kiosk-1 stopped");
            try (StatusWatch later = StatusWatch.start(broker.uri(), "b001", "kiosk-1", "watch-2")) {
                later.awaitStatus(StatusWatch::stopped, "retained status of kiosk-1: stopped");
            }
        }
    }
}
