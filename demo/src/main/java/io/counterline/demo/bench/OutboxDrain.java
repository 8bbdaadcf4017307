package io.counterline.demo.bench;

import com.typesafe.config.ConfigFactory;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.outbox.Outbox;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Health;
import io.counterline.protocol.MessageCodec;
import io.counterline.server.BranchServer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A backlog drained at once: {@code n} events appended to device drain-1's outbox file while the
 * device is not running (as if it had been cut off from the branch), then the device runtime is
 * started and timed until its outbox is empty, i.e. the server has committed and acknowledged
 * every event. The server's event count must have grown by exactly {@code n}.
 */
final class OutboxDrain {
    static final String DEVICE = "drain-1";

    /** Seconds to append the backlog (one durable commit per event) and to drain it. */
    record Result(double appendSeconds, double drainSeconds, long stored) {
    }

    private OutboxDrain() {
    }

    static Result measure(BenchBranch branch, BranchServer server, int n) throws Exception {
        DeviceSettings settings = DeviceSettings.from(ConfigFactory.parseString("device.outbox-capacity = "
                + (n + 1000)).withFallback(branch.deviceConfig(DEVICE)), DeviceRole.KIOSK);
        MessageCodec codec = new MessageCodec();
        long a0 = System.nanoTime();
        try (Outbox outbox = Outbox.open(settings.dataDir().resolve("outbox.db"), DEVICE, settings.outboxCapacity(),
                Clock.systemUTC())) {
            for (int i = 0; i < n; i++) {
                outbox.append(EventType.HEALTH_CHANGED,
                        codec.toBody(new Bodies.HealthChanged(Health.degraded("backlog event " + i))));
            }
        }
        double appendSeconds = (System.nanoTime() - a0) / 1e9;
        long before = server.store().countEvents();
        CompletableFuture<Long> empty = new CompletableFuture<>();
        long t0 = System.nanoTime();
        try (DeviceRuntime device = DeviceRuntime.start(settings, Clock.systemUTC())) {
            // The runtime reports outbox health; this listener keeps that and also notes the
            // moment the last event is acknowledged (the outbox calls it after every delete).
            device.outbox().onHealthChange(h -> {
                device.health().report("outbox", h);
                if (device.outbox().size() == 0) {
                    empty.complete(System.nanoTime());
                }
            });
            long drained = Await.get(empty, "empty outbox", Duration.ofMinutes(3)) - t0;
            long stored = server.store().countEvents() - before;
            if (stored != n) {
                throw new BenchException("server holds " + stored + " of the " + n + " backlog events");
            }
            return new Result(appendSeconds, drained / 1e9, stored);
        }
    }
}
