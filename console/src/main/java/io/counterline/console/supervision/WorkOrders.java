package io.counterline.console.supervision;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.User;
import io.counterline.console.report.RatingFact;
import io.counterline.console.store.ConsoleStore;
import io.counterline.protocol.RatingLevel;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Work orders: created by staff in the console or automatically for a "dissatisfied" rating,
 * moved through their states by the people allowed to, every step kept. Everything a form
 * brings is checked here, before anything is stored; a refused request stores nothing.
 * Deadlines are in business time ({@link BusinessCalendar}) from the category's limit.
 */
public final class WorkOrders {
    public static final int MAX_TEXT = 2000;
    public static final int MAX_CONTACT = 200;
    static final String SYSTEM = "system";
    private static final Set<String> STAFF_CHANNELS = Set.of("counter", "phone", "letter");
    private static final Set<String> PRIORITIES = Set.of("normal", "high", "urgent");
    private static final String ID = "[A-Za-z0-9._-]{1,64}";

    /** What a creation form brings; blank optional fields are null. */
    public record Draft(String category, String channel, String priority, String description, String contact,
                        String ticket, String counter, String teller, String owner, Instant deadline) {
    }

    private final SupervisionStore store;
    private final ConsoleStore users;
    private final AuditLog audit;
    private final Supplier<BranchDirectory> directory;
    private final Clock clock;

    public WorkOrders(SupervisionStore store, ConsoleStore users, AuditLog audit, Supplier<BranchDirectory> directory,
                      Clock clock) {
        this.store = store;
        this.users = users;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- who may do what

    /** Supervisors: create, assign, close, reopen, and see the customer's contact. */
    public static boolean supervises(User u) {
        return u.role() == Role.ADMIN || u.role() == Role.BRANCH_MANAGER || u.role() == Role.QUALITY_SUPERVISOR;
    }

    /** Supervisors and the auditor see the orders of their scope; anyone sees the orders they own. */
    public static boolean maySee(User u, WorkOrder o) {
        if (u.login().equals(o.owner())) {
            return true;
        }
        if (!u.role().seesBranchFigures()) {
            return false;
        }
        return o.counter() == null ? u.scope().branch() : u.scope().coversCounter(o.counter());
    }

    /** The customer's contact: supervisors and the order's owner only. */
    public static boolean seesContact(User u, WorkOrder o) {
        return maySee(u, o) && (supervises(u) || u.login().equals(o.owner()));
    }

    public List<WorkOrder> visible(User u) throws SQLException {
        return store.orders(1000).stream().filter(o -> maySee(u, o)).toList();
    }

    /** @throws NotAllowed when the order is not the user's to see (or does not exist) */
    public WorkOrder get(User u, long id) throws SQLException {
        return store.order(id).filter(o -> maySee(u, o))
                .orElseThrow(() -> new NotAllowed("work order " + id + " is not in your scope"));
    }

    public List<Category> categories() throws SQLException {
        return store.categories();
    }

    // ---------------------------------------------------------------- creation

    /**
     * @return the new order's id
     * @throws IllegalArgumentException saying which field is wrong (nothing stored)
     * @throws NotAllowed when the user may not create orders or not for that counter
     */
    public long create(User actor, String ip, Draft d) throws SQLException {
        if (d.channel() == null || !STAFF_CHANNELS.contains(d.channel())) {
            throw new IllegalArgumentException("channel must be counter, phone or letter");
        }
        return store(actor, ip, prepare(actor, d));
    }

    /**
     * A rectification order for a failed inspection item, checked but not stored (the inspection
     * stores it with its record, in one transaction).
     */
    WorkOrder rectification(User actor, String item, String note, String counter, String owner) throws SQLException {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("a failed item needs an owner for its rectification: " + item);
        }
        String description = note == null || note.isBlank() ? item : item + " — " + note.strip();
        return prepare(actor, new Draft("rectification", "inspection", "normal",
                description.length() > MAX_TEXT ? description.substring(0, MAX_TEXT) : description, "", null, counter,
                null, owner, null));
    }

    /** Every check of a new order; nothing stored. */
    private WorkOrder prepare(User actor, Draft d) throws SQLException {
        if (!supervises(actor)) {
            throw new NotAllowed("only supervisors create work orders");
        }
        Category category = category(d.category());
        if (d.priority() == null || !PRIORITIES.contains(d.priority())) {
            throw new IllegalArgumentException("priority must be normal, high or urgent");
        }
        String description = text("description", d.description(), MAX_TEXT, true);
        String contact = text("contact", d.contact(), MAX_CONTACT, false);
        String ticket = id("ticket", d.ticket());
        String counter = known("counter", d.counter(), directory.get().counters());
        String teller = known("teller", d.teller(), directory.get().tellers());
        if (counter != null && !actor.scope().coversCounter(counter)) {
            throw new NotAllowed("counter " + counter + " is not in your scope");
        }
        if (counter == null && !actor.scope().branch()) {
            throw new NotAllowed("an order without a counter needs a branch-wide scope");
        }
        String owner = d.owner() == null || d.owner().isBlank() ? null : checkOwner(d.owner().trim(), counter, teller);
        Instant now = clock.instant();
        BusinessCalendar cal = store.calendar(directory.get().zone());
        Instant deadline = d.deadline() != null ? d.deadline() : cal.plus(now, cal.minutes(category.limit()));
        if (!deadline.isAfter(now)) {
            throw new IllegalArgumentException("the deadline " + deadline + " is not in the future");
        }
        OrderState state = owner == null ? OrderState.NEW : OrderState.ASSIGNED;
        return new WorkOrder(0, category.id(), d.channel(), state, d.priority(), description, contact, ticket, null,
                counter, teller, owner, deadline, 1, actor.login(), now, null, null);
    }

    private long store(User actor, String ip, WorkOrder o) throws SQLException {
        long id = store.addOrder(o, "").orElseThrow(() -> new IllegalStateException("order not stored"));
        created(actor, ip, id, o);
        return id;
    }

    /** The audit entry of a stored new order. */
    void created(User actor, String ip, long id, WorkOrder o) {
        audit.record(actor.login(), ip, "order.create", "work-order " + id, null, o.category() + " " + o.channel() + " "
                + o.state().wire() + (o.owner() == null ? "" : " owner=" + o.owner()));
    }

    /**
     * The automatic order for a "dissatisfied" rating when the branch's setting asks for one: a
     * complaint about the teller, unassigned. Replays of the same rating add nothing.
     */
    public Optional<Long> fromRating(RatingFact f) throws SQLException {
        if (f.level() != RatingLevel.DISSATISFIED
                || !"true".equals(store.settings().getOrDefault("order-on-dissatisfied", "true"))) {
            return Optional.empty();
        }
        Category category = category("complaint");
        Instant now = clock.instant();
        BusinessCalendar cal = store.calendar(directory.get().zone());
        WorkOrder o = new WorkOrder(0, category.id(), "rating", OrderState.NEW, "normal",
                "不满意评价 / dissatisfied rating", "", f.ticket(), f.ticket(), f.counter(), f.teller(), null,
                cal.plus(now, cal.minutes(category.limit())), 1, SYSTEM, now, null, null);
        Optional<Long> id = store.addOrder(o, "");
        id.ifPresent(i -> audit.record(SYSTEM, "-", "order.create", "work-order " + i, null,
                "complaint rating ticket=" + f.ticket()));
        return id;
    }

    /**
     * What a counter caller's {@code order.create} brings, with what the engine knows of the counter.
     *
     * @param requestKey "{device}/{request id}": the same for every copy of the request
     * @param ticket     the ticket called or served at the counter, or null
     * @param voiceNote  the recording id of the teller's dictated note, or null (then a description is required)
     */
    public record AtCounter(String requestKey, String device, String counter, String teller, String ticket,
                            String category, String description, String contact, String voiceNote) {
        /** A typed order without a voice note. */
        public AtCounter(String requestKey, String device, String counter, String teller, String ticket,
                         String category, String description, String contact) {
            this(requestKey, device, counter, teller, ticket, category, description, contact, null);
        }
    }

    /**
     * A work order created at the counter caller by the teller signed in there, for the customer
     * in front of them: channel {@code counter}, linked to the ticket, counter and teller, no owner
     * yet (a supervisor assigns it, never to that teller), deadline from the category's limit. A
     * request asked again finds the order its first copy created.
     *
     * @return the order (new, or the one created before for the same request)
     * @throws IllegalArgumentException a field refused (nothing stored)
     */
    public WorkOrder fromCounter(AtCounter c) throws SQLException {
        Category category = category(c.category());
        if ("rectification".equals(category.id())) {
            throw new IllegalArgumentException("rectification orders come from inspections, not from a counter");
        }
        String voiceNote = c.voiceNote();
        if (voiceNote != null && !voiceNote.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("voiceNote must be a recording id");
        }
        String description = text("description", c.description(), MAX_TEXT, voiceNote == null);
        String contact = text("contact", c.contact(), MAX_CONTACT, false);
        String counter = known("counter", c.counter(), directory.get().counters());
        String teller = known("teller", c.teller(), directory.get().tellers());
        String ticket = id("ticket", c.ticket());
        Instant now = clock.instant();
        BusinessCalendar cal = store.calendar(directory.get().zone());
        String by = teller + "@" + c.device();
        WorkOrder o = new WorkOrder(0, category.id(), "counter", OrderState.NEW, "normal", description, contact, ticket,
                null, counter, teller, null, cal.plus(now, cal.minutes(category.limit())), 1, by, now, null, null);
        SupervisionStore.OrderOnce once = store.addOrderOnce(o, "order.create " + c.requestKey(), voiceNote);
        long id = once.id();
        WorkOrder stored = store.order(id).orElseThrow(() -> new SQLException("work order " + id + " not found"));
        if (once.created()) {
            audit.record(by, c.device(), "order.create", "work-order " + id, null, category.id() + " counter new ticket="
                    + (ticket == null ? "-" : ticket) + (voiceNote == null ? "" : " voice-note=" + voiceNote));
        }
        return stored;
    }

    // ---------------------------------------------------------------- steps

    /**
     * Takes one step on an order.
     *
     * @param owner the new owner (assign only)
     * @throws IllegalArgumentException for a step its state does not allow, or a bad field
     * @throws NotAllowed when the user may not take this step
     */
    public WorkOrder act(User actor, String ip, long id, OrderAction action, String owner, String note)
            throws SQLException {
        WorkOrder o = get(actor, id);
        String n = text("note", note, MAX_TEXT, action == OrderAction.ANSWER || action == OrderAction.REOPEN
                || action == OrderAction.NOTE);
        boolean isOwner = actor.login().equals(o.owner());
        switch (action) {
            case ASSIGN, CLOSE, REOPEN -> {
                if (!supervises(actor)) {
                    throw new NotAllowed("only a supervisor may " + action.wire() + " a work order");
                }
            }
            case START, ANSWER -> {
                if (!isOwner && !supervises(actor)) {
                    throw new NotAllowed("only the owner or a supervisor may " + action.wire() + " this work order");
                }
            }
            case NOTE -> {
                if (actor.role() == Role.AUDITOR) {
                    throw new NotAllowed("the auditor's role is read-only");
                }
            }
        }
        if (!action.allowedFrom(o.state())) {
            throw new IllegalArgumentException("work order " + id + " is " + o.state().wire() + ": it cannot be '"
                    + action.wire() + "' now");
        }
        Instant now = clock.instant();
        WorkOrder after = switch (action) {
            case ASSIGN -> with(o, OrderState.ASSIGNED, checkOwner(owner == null ? "" : owner.trim(), o.counter(),
                    o.teller()), o.deadline(), o.round(), null, null);
            case REOPEN -> {
                BusinessCalendar cal = store.calendar(directory.get().zone());
                yield with(o, OrderState.ASSIGNED, o.owner(), cal.plus(now, cal.minutes(category(o.category()).limit())),
                        o.round() + 1, null, null);
            }
            case ANSWER -> with(o, OrderState.ANSWERED, o.owner(), o.deadline(), o.round(), now, null);
            case CLOSE -> with(o, OrderState.CLOSED, o.owner(), o.deadline(), o.round(), o.answeredAt(), now);
            default -> with(o, action.next(o.state()), o.owner(), o.deadline(), o.round(), o.answeredAt(), o.closedAt());
        };
        if (after.owner() == null && action == OrderAction.REOPEN) {
            throw new IllegalArgumentException("work order " + id + " has no owner to reopen it for");
        }
        if (!store.advance(after, o.state(), new OrderStep(id, now, actor.login(), action.wire(), after.state(),
                after.owner(), n))) {
            throw new IllegalArgumentException("work order " + id + " was changed meanwhile; reload the page");
        }
        audit.record(actor.login(), ip, "order." + action.wire(), "work-order " + id, o.state().wire()
                + (o.owner() == null ? "" : " owner=" + o.owner()), after.state().wire()
                + (after.owner() == null ? "" : " owner=" + after.owner()));
        return after;
    }

    public List<OrderStep> steps(long id) throws SQLException {
        return store.steps(id);
    }

    // ---------------------------------------------------------------- checks

    private Category category(String id) throws SQLException {
        return store.categories().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown category '" + id + "'"));
    }

    /** An owner must be an enabled, non-auditor user of this branch whose scope covers the order. */
    private String checkOwner(String login, String counter, String teller) throws SQLException {
        if (login.isEmpty()) {
            throw new IllegalArgumentException("an owner is required");
        }
        if (!login.matches(ID)) {
            throw new IllegalArgumentException("owner is not a user name");
        }
        User u = users.userByLogin(login).filter(x -> !x.disabled())
                .orElseThrow(() -> new IllegalArgumentException("owner '" + login + "' is not a user of this branch"));
        if (u.role() == Role.AUDITOR) {
            throw new IllegalArgumentException("owner '" + login + "' is an auditor (read-only)");
        }
        if (counter != null ? !u.scope().coversCounter(counter) : !u.scope().branch() && u.role() != Role.TELLER) {
            throw new IllegalArgumentException("owner '" + login + "' works outside this order's counter");
        }
        if (teller != null && u.teller().filter(teller::equals).isPresent()) {
            throw new IllegalArgumentException("the teller an order is about cannot be its owner");
        }
        return login;
    }

    private static WorkOrder with(WorkOrder o, OrderState state, String owner, Instant deadline, int round,
                                  Instant answeredAt, Instant closedAt) {
        return new WorkOrder(o.id(), o.category(), o.channel(), state, o.priority(), o.description(), o.contact(),
                o.ticket(), o.rating(), o.counter(), o.teller(), owner, deadline, round, o.createdBy(), o.createdAt(),
                answeredAt, closedAt);
    }

    private static String text(String field, String value, int max, boolean required) {
        String v = value == null ? "" : value.strip();
        if (v.length() > max) {
            throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        }
        if (required && v.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v;
    }

    private static String id(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.trim().matches(ID)) {
            throw new IllegalArgumentException(field + " is not an id");
        }
        return value.trim();
    }

    private static String known(String field, String value, List<BranchDirectory.Named> known) {
        String v = id(field, value);
        if (v != null && known.stream().noneMatch(n -> n.id().equals(v))) {
            throw new IllegalArgumentException("unknown " + field + " '" + v + "'");
        }
        return v;
    }
}
