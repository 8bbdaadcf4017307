package io.counterline.console.supervision;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.report.RatingFact;
import io.counterline.console.store.ConsoleStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Service supervision as the console starts it: its store, the orders, the escalator and the pages. */
public final class Supervision implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Supervision.class);
    /** How often the escalator looks; a notice is raised at most this late after its business minute. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(30);

    private final SupervisionStore store;
    private final WorkOrders orders;
    private final Escalator escalator;
    private final SupervisionPages pages;

    private Supervision(SupervisionStore store, WorkOrders orders, Escalator escalator, SupervisionPages pages) {
        this.store = store;
        this.orders = orders;
        this.escalator = escalator;
        this.pages = pages;
    }

    /** @param consoleDb {@code console.db}, already migrated by {@link ConsoleStore#open} */
    public static Supervision start(Path consoleDb, ConsoleStore consoleStore, AuditLog audit,
                                    Supplier<BranchDirectory> directory, Clock clock) throws SQLException {
        SupervisionStore store = SupervisionStore.open(consoleDb);
        WorkOrders orders = new WorkOrders(store, consoleStore, audit, directory, clock);
        Escalator escalator = new Escalator(store, directory.get().zone(), clock).start(LOOK_EVERY);
        return new Supervision(store, orders, escalator,
                new SupervisionPages(orders, store, consoleStore, audit, directory, clock));
    }

    /** A committed rating (from the monitor's feed): "dissatisfied" may become a work order. */
    public void rated(RatingFact f) {
        try {
            orders.fromRating(f).ifPresent(id -> log.info("supervision: work order {} for the dissatisfied rating of"
                    + " ticket {}", id, f.ticket()));
        } catch (SQLException | RuntimeException e) {
            log.warn("supervision: no work order for the rating of ticket {}: {}", f.ticket(), e.getMessage());
        }
    }

    public WorkOrders orders() {
        return orders;
    }

    public Escalator escalator() {
        return escalator;
    }

    public SupervisionPages pages() {
        return pages;
    }

    @Override
    public void close() {
        escalator.close();
        store.close();
    }
}
