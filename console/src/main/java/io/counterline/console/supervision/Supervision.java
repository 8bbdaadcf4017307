package io.counterline.console.supervision;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.report.RatingFact;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.web.ConsoleRoutes;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service supervision as the console starts it: its store, the work orders, the escalator, the
 * correction notebook and their pages.
 */
public final class Supervision implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Supervision.class);
    /** How often the escalator looks; a notice is raised at most this late after its business minute. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(30);

    private final SupervisionStore store;
    private final WorkOrders orders;
    private final Escalator escalator;
    private final CorrectionNotebook notebook;
    private final ConsoleRoutes[] routes;

    private Supervision(SupervisionStore store, WorkOrders orders, Escalator escalator, CorrectionNotebook notebook,
                        ConsoleRoutes... routes) {
        this.store = store;
        this.orders = orders;
        this.escalator = escalator;
        this.notebook = notebook;
        this.routes = routes;
    }

    /** @param consoleDb {@code console.db}, already migrated by {@link ConsoleStore#open} */
    public static Supervision start(Path consoleDb, ConsoleStore consoleStore, AuditLog audit,
                                    Supplier<BranchDirectory> directory, Clock clock) throws SQLException {
        SupervisionStore store = SupervisionStore.open(consoleDb);
        WorkOrders orders = new WorkOrders(store, consoleStore, audit, directory, clock);
        Escalator escalator = new Escalator(store, directory.get().zone(), clock).start(LOOK_EVERY);
        CorrectionNotebook notebook = new CorrectionNotebook(store, audit, directory, clock);
        Inspections inspections = new Inspections(store, orders, audit, directory, clock);
        return new Supervision(store, orders, escalator, notebook,
                new SupervisionPages(orders, inspections, notebook, store, consoleStore, audit, directory, clock),
                new NotebookPages(notebook, audit, directory, clock),
                new InspectionPages(inspections, consoleStore, audit, directory, clock));
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

    public CorrectionNotebook notebook() {
        return notebook;
    }

    /** The pages, for the console's server. */
    public ConsoleRoutes[] routes() {
        return routes.clone();
    }

    @Override
    public void close() {
        escalator.close();
        store.close();
    }
}
