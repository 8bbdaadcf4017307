package io.counterline.kiosk;

import io.counterline.testing.StopCheck;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM on a real kiosk process, window and all (see {@link StopCheck}). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KioskStopIT {
    @TempDir
    Path dir;

    @Test
    void sigterm_closesEverything_retainedStatusSaysStopped() throws Exception {
        StopCheck.sigtermLeavesStatusStopped(dir, Main.class.getName(), "kiosk-1", broker -> """
                device { id = kiosk-1, branch = b001, data-dir = "%s" }
                broker { uri = "%s", secret = "kiosk-1-secret-0001" }
                printer { type = simulated, simulated.output-dir = "%s" }
                kiosk {
                  admin-pin-hash = "%s"
                  screen { full-screen = false, width = 1280, height = 800 }
                }
                """.formatted(dir.resolve("data"), broker, dir.resolve("slips"), KioskFixture.ADMIN_PIN_HASH),
                "window shown", "kiosk stopped");
    }
}
