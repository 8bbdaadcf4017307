package io.counterline.demo.bench;

import java.time.Duration;

/**
 * How much the benchmark does: the default run (about 3 minutes on 2 cores) or {@code --quick}
 * (under 45 s, fewer samples and a smaller backlog: a smoke run, not figures to quote).
 *
 * @param warmup            untimed repetitions of each latency path first, for the JIT
 * @param samples           timed repetitions of each latency path
 * @param baselineSamples   timed raw MQTT round trips
 * @param throughputWarmup  closed-loop time not counted, per concurrency level
 * @param throughputMeasure closed-loop time counted, per concurrency level
 * @param backlog           events in the outbox drained at once
 */
record Plan(String name, int warmup, int samples, int baselineSamples, Duration throughputWarmup,
            Duration throughputMeasure, int backlog) {

    static final Plan DEFAULT = new Plan("default", 200, 500, 2000, Duration.ofMillis(1500), Duration.ofSeconds(5),
            100_000);
    static final Plan QUICK = new Plan("quick", 30, 60, 300, Duration.ofMillis(300), Duration.ofMillis(1200), 5_000);
}
