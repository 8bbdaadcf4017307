package io.counterline.health;

import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The health of a device as the worst of its parts ("printer", "outbox", "broker"). The overall
 * reason names the part: "printer: paper out". Thread-safe; listeners are called on the thread
 * that reported the change and must return quickly.
 */
public final class DeviceHealth {
    private final Map<String, Health> parts = new ConcurrentSkipListMap<>();
    private final List<Consumer<Health>> listeners = new CopyOnWriteArrayList<>();
    private volatile Health overall = Health.OK;

    public synchronized void report(String part, Health health) {
        Health previous = parts.put(part, health);
        if (health.equals(previous)) {
            return;
        }
        Health now = combine();
        if (!now.equals(overall)) {
            overall = now;
            listeners.forEach(l -> l.accept(now));
        }
    }

    public Health overall() {
        return overall;
    }

    public Health part(String part) {
        return parts.getOrDefault(part, Health.OK);
    }

    public void onChange(Consumer<Health> listener) {
        listeners.add(listener);
    }

    private Health combine() {
        Health worst = Health.OK;
        StringBuilder reasons = new StringBuilder();
        for (Map.Entry<String, Health> e : parts.entrySet()) {
            Health h = e.getValue();
            if (h.level() != HealthLevel.OK) {
                if (!reasons.isEmpty()) {
                    reasons.append("; ");
                }
                reasons.append(e.getKey()).append(": ").append(h.reason());
            }
            worst = worst.worst(h);
        }
        return worst.level() == HealthLevel.OK ? Health.OK : new Health(worst.level(), reasons.toString());
    }
}
