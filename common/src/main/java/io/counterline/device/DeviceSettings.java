package io.counterline.device;

import com.typesafe.config.Config;
import io.counterline.messaging.BusSettings;
import io.counterline.outbox.OutboxPublisher;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Ids;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every device app reads from its config file's {@code device} and {@code broker} blocks:
 *
 * <pre>
 * device { id = kiosk-1, branch = b001, data-dir = /var/lib/counterline/kiosk-1,
 *          outbox-capacity = 100000, request-timeout = 1.5s, resend-after = 10s }
 * broker { uri = "tcp://branch-server:1883", secret = "…" }
 * </pre>
 */
public record DeviceSettings(String id, DeviceRole role, String branch, Path dataDir, int outboxCapacity,
                             Duration requestTimeout, OutboxPublisher.Settings publisher, BusSettings bus) {

    public DeviceSettings {
        Ids.require("device.id", id);
        Ids.require("device.branch", branch);
    }

    public static DeviceSettings from(Config c, DeviceRole role) {
        Config d = c.getConfig("device");
        String id = d.getString("id");
        String problem = Ids.problem(id);
        if (problem != null) {
            throw new IllegalArgumentException("device.id " + problem);
        }
        int capacity = d.hasPath("outbox-capacity") ? d.getInt("outbox-capacity") : 100_000;
        if (capacity < 10) {
            throw new IllegalArgumentException("device.outbox-capacity must be at least 10, was " + capacity);
        }
        Duration resendAfter = d.hasPath("resend-after") ? d.getDuration("resend-after") : Duration.ofSeconds(10);
        return new DeviceSettings(id, role, d.getString("branch"), Path.of(d.getString("data-dir")), capacity,
                d.hasPath("request-timeout") ? d.getDuration("request-timeout") : Duration.ofMillis(1500),
                new OutboxPublisher.Settings(500, 200, resendAfter),
                BusSettings.from(c.getConfig("broker"), id));
    }
}
