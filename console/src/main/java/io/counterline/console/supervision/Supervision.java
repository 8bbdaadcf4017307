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
import io.counterline.console.auth.Role;
import io.counterline.console.auth.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final int STANDING_READ = 1000;
    private static final java.time.format.DateTimeFormatter DEADLINE =
            java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final ConsoleStore users;
    private final Supplier<BranchDirectory> directory;
    private final ConsoleRoutes[] routes;

    /** Told of a stored notice with its order and the console users it is addressed to. */
    public interface NoticeListener {
        void raised(Notice notice, WorkOrder order, List<User> to);
    }

    private Supervision(SupervisionStore store, ConsoleStore users, Supplier<BranchDirectory> directory,
                        WorkOrders orders, Escalator escalator, CorrectionNotebook notebook, ConsoleRoutes... routes) {
        this.store = store;
        this.directory = directory;
        this.users = users;
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
        return new Supervision(store, consoleStore, directory, orders, escalator, notebook,
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

    /**
     * Tells {@code listener} of each notice the escalator raises, once, after it is stored (on the
     * escalator's thread: hand slow work on). A notice whose order or users cannot be read is
     * logged and skipped here; it stays listed on the supervision page.
     */
    public void onNotice(NoticeListener listener) {
        escalator.onNotice(n -> {
            try {
                Optional<WorkOrder> o = store.order(n.orderId());
                if (o.isPresent()) {
                    listener.raised(n, o.get(), recipients(n, o.get(), users.users()));
                }
            } catch (SQLException e) {
                log.warn("supervision: notice {} not passed on: {}", n.key(), e.getMessage());
            }
        });
    }

    /**
     * The enabled console users a notice is addressed to: its owner by login, or every user of the
     * role it names ({@code branch-manager}, {@code admin}) — never the teller the order is about.
     */
    static List<User> recipients(Notice n, WorkOrder o, List<User> all) {
        List<User> to = new ArrayList<>();
        for (String r : n.recipient().split(",")) {
            for (User u : all) {
                boolean named = switch (r) {
                    case "branch-manager" -> u.role() == Role.BRANCH_MANAGER;
                    case "admin" -> u.role() == Role.ADMIN;
                    default -> u.login().equals(r);
                };
                boolean concerned = o.teller() != null && u.teller().filter(o.teller()::equals).isPresent();
                if (named && !u.disabled() && !concerned && !to.contains(u)) {
                    to.add(u);
                }
            }
        }
        return to;
    }

    /** A notice still standing: its order is open and in the round it was raised for. */
    public record Standing(Notice notice, WorkOrder order, List<User> to) {
    }

    /**
     * The standing notices addressed to the console users linked to {@code teller}, the highest
     * level per order, newest first: what that teller's counter caller shows when they sign in
     * (a notice is pushed to a caller only when raised). Reads the latest {@value #STANDING_READ}.
     */
    public List<Standing> standingFor(String teller) throws SQLException {
        Map<Long, WorkOrder> open = new java.util.HashMap<>();
        store.openOrders().forEach(o -> open.put(o.id(), o));
        List<User> all = users.users();
        Map<Long, Standing> byOrder = new LinkedHashMap<>();
        for (Notice n : store.notices(STANDING_READ)) {
            WorkOrder o = open.get(n.orderId());
            if (o == null || !n.key().startsWith(o.id() + "/" + o.round() + "/")) {
                continue; // answered since, or raised in an earlier round
            }
            Standing before = byOrder.get(o.id());
            if (before != null && before.notice().level().compareTo(n.level()) >= 0) {
                continue;
            }
            List<User> to = recipients(n, o, all).stream()
                    .filter(u -> u.teller().filter(teller::equals).isPresent()).toList();
            if (!to.isEmpty()) {
                byOrder.put(o.id(), new Standing(n, o, to));
            }
        }
        return List.copyOf(byOrder.values());
    }

    /**
     * What the live monitor shows of a notice: the order's number, level, category, counter and
     * deadline, and who it is for — not the description nor the customer's contact (the order's
     * page shows those to whom may see them).
     */
    public Map<String, Object> monitorView(Notice n, WorkOrder o, List<User> to) {
        BranchDirectory dir = directory.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("order", o.id());
        m.put("level", n.level().wire());
        m.put("label", n.level().label("zh") + " " + n.level().label("en"));
        m.put("category", o.category());
        m.put("counter", o.counter() == null ? "" : dir.counterName(o.counter()));
        m.put("deadline", DEADLINE.format(o.deadline().atZone(dir.zone())));
        m.put("to", String.join(", ", to.stream().map(User::login).toList()));
        m.put("at", DEADLINE.format(n.raisedAt().atZone(dir.zone())));
        return m;
    }

    /**
     * Its store of orders, settings and the business calendar: for the branch server's uplink (the
     * supervision facts' journal) and head office's configuration (calendar days).
     */
    public SupervisionStore store() {
        return store;
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
