package io.counterline.pad;

import io.counterline.testing.StopCheck;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM on a real rating pad process, headless and with its screen (see {@link StopCheck}). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PadStopIT {
    @TempDir
    Path dir;

    @Test
    void sigterm_headless_closesEverything_retainedStatusSaysStopped() throws Exception {
        StopCheck.sigtermLeavesStatusStopped(dir, Main.class.getName(), "pad-1", broker -> config(broker, ""),
                "rating pad pad-1 at counter c1", "rating-pad stopped");
    }

    @Test
    void sigterm_withScreen_closesEverything_retainedStatusSaysStopped() throws Exception {
        StopCheck.sigtermLeavesStatusStopped(dir, Main.class.getName(), "pad-1", broker -> config(broker,
                ", screen { enabled = true, full-screen = false, width = 800, height = 480 }"),
                "window shown", "rating-pad stopped");
    }

    private String config(String broker, String screen) {
        return """
                device { id = pad-1, branch = b001, data-dir = "%s" }
                broker { uri = "%s", secret = "pad-1-secret-0001" }
                rating-pad { counter = c1, keys.type = simulated %s }
                """.formatted(dir.resolve("data"), broker, screen);
    }
}
