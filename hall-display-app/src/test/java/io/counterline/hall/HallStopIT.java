package io.counterline.hall;

import io.counterline.testing.StopCheck;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM on a real hall display process, window and all (see {@link StopCheck}). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HallStopIT {
    @TempDir
    Path dir;

    @Test
    void sigterm_closesEverything_retainedStatusSaysStopped() throws Exception {
        StopCheck.sigtermLeavesStatusStopped(dir, Main.class.getName(), "hall-1", broker -> """
                device { id = hall-1, branch = b001, data-dir = "%s" }
                broker { uri = "%s", secret = "hall-1-secret-0001" }
                counterline.hall { full-screen = false, width = 1280, height = 720, content-folder = "%s" }
                announcer.type = simulated
                """.formatted(dir.resolve("data"), broker, dir.resolve("content")), "window shown",
                "hall-display stopped");
    }
}
