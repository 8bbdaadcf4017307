package io.counterline.caller;

import io.counterline.testing.StopCheck;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM on a real counter caller process, window and all (see {@link StopCheck}). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CallerStopIT {
    @TempDir
    Path dir;

    @Test
    void sigterm_closesEverything_retainedStatusSaysStopped() throws Exception {
        StopCheck.sigtermLeavesStatusStopped(dir, Main.class.getName(), "caller-1", broker -> """
                device { id = caller-1, branch = b001, data-dir = "%s" }
                broker { uri = "%s", secret = "caller-1-secret-0001" }
                counter-caller {
                  counter = c1
                  counter-number = "1"
                  screen { full-screen = false, width = 800, height = 480 }
                }
                """.formatted(dir.resolve("data"), broker), "window shown", "counter-caller stopped");
    }
}
