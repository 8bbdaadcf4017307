package io.counterline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * {@code systemctl stop} on a device app's real process, on a real Mosquitto: the app is started
 * from a config file, seen online and started, sent SIGTERM; it must exit after closing (status
 * 143, its "stopped" line logged) and leave the retained status "stopped" — not the Last Will's
 * "connection lost" that a crash leaves.
 */
public final class StopCheck {
    private static final String BRANCH = "b001";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private StopCheck() {
    }

    /**
     * @param config  the app's config file text for a broker URI (the device's data folder goes in {@code dir})
     * @param started a line the app logs once fully started (e.g. "window shown")
     * @param stopped a line the app logs once closed (e.g. "kiosk stopped")
     */
    public static void sigtermLeavesStatusStopped(Path dir, String mainClass, String device,
                                                  Function<String, String> config, String started, String stopped)
            throws Exception {
        try (Mosquitto broker = Mosquitto.anonymous(dir).start();
             StatusWatch watch = StatusWatch.start(broker.uri(), BRANCH, device, "watch-1")) {
            Path file = dir.resolve(device + ".conf");
            Files.writeString(file, config.apply(broker.uri()));
            try (AppProcess app = AppProcess.start(mainClass, List.of("--config", file.toString()),
                    dir.resolve(device + ".log"))) {
                watch.awaitStatus(StatusWatch::online, device + " online");
                await().atMost(PATIENCE).until(() -> app.output().contains(started));

                app.sigterm();

                assertThat(app.awaitExit(Duration.ofSeconds(30))).as(app.output()).isEqualTo(143); // 128 + SIGTERM
                assertThat(app.output()).contains(stopped);
            }
            watch.awaitStatus(StatusWatch::stopped, device + " stopped");
            try (StatusWatch later = StatusWatch.start(broker.uri(), BRANCH, device, "watch-2")) {
                later.awaitStatus(StatusWatch::stopped, "retained status of " + device + ": stopped");
            }
        }
    }
}
