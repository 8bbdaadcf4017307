package io.counterline.console.supervision;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the reminders and supervision notices of open work orders when their business minute
 * has come (docs/supervision.md). Durable: each notice is stored under the key
 * {@code order/round/level} before anyone is told, so a tick after a restart raises what was
 * missed while the server was down and nothing twice. Driven by the injected clock; the timer
 * only decides how often to look.
 */
public final class Escalator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    private final SupervisionStore store;
    private final ZoneId zone;
    private final Clock clock;
    private final List<Consumer<Notice>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;

    public Escalator(SupervisionStore store, ZoneId zone, Clock clock) {
        this.store = store;
        this.zone = zone;
        this.clock = clock;
    }

    /** Told of each notice once, after it is stored. */
    public void onNotice(Consumer<Notice> listener) {
        listeners.add(listener);
    }

    /** Looks now and then every {@code period} on a thread of its own. */
    public Escalator start(Duration period) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "supervision-escalator");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (SQLException | RuntimeException e) {
                log.warn("supervision escalator: {}", e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** @return the notices raised by this look (those already stored are not raised again) */
    public List<Notice> tick() throws SQLException {
        Instant now = clock.instant();
        BusinessCalendar cal = store.calendar(zone);
        Map<String, String> settings = store.settings();
        long before = cal.minutes(settings.getOrDefault("reminder-before", "2h"));
        long further = cal.minutes(settings.getOrDefault("second-level-after", "1d"));
        List<Notice> raised = new java.util.ArrayList<>();
        for (WorkOrder o : store.openOrders()) {
            for (EscalationLevel level : EscalationLevel.values()) {
                Instant due = switch (level) {
                    case REMINDER -> cal.minus(o.deadline(), before);
                    case NOTICE -> o.deadline();
                    case SECOND -> cal.plus(o.deadline(), further);
                };
                if (now.isBefore(due)) {
                    continue;
                }
                String key = o.id() + "/" + o.round() + "/" + level.wire();
                String recipient = switch (level) {
                    case REMINDER -> o.owner() == null ? "branch-manager" : o.owner();
                    case NOTICE -> "branch-manager";
                    case SECOND -> "branch-manager,admin";
                };
                if (store.raise(key, o.id(), level, recipient, due, now)) {
                    Notice n = new Notice(0, key, o.id(), level, recipient, due, now);
                    raised.add(n);
                    log.info("supervision: {} for work order {} (due {}) to {}", level.wire(), o.id(), due, recipient);
                    for (Consumer<Notice> l : listeners) {
                        try {
                            l.accept(n);
                        } catch (RuntimeException e) {
                            log.warn("supervision: a notice listener failed: {}", e.getMessage());
                        }
                    }
                }
            }
        }
        return raised;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
