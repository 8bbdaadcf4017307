package io.counterline.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Bounded polling for a condition nothing signals: a port that opens, a line in another
 * process's log, a cluster's state. For local servers started by the tests and the benchmarks.
 */
public final class Poll {
    private Poll() {
    }

    /**
     * Asks {@code ready} every {@code every} until it says yes or {@code atMost} has passed.
     *
     * @return whether it said yes in time
     * @throws Exception what {@code ready} threw
     */
    public static boolean until(Duration atMost, Duration every, Callable<Boolean> ready) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            if (ready.call()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(every.toMillis()); // the poll interval, not a synchronisation
        }
    }
}
