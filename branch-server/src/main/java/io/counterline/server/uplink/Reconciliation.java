package io.counterline.server.uplink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Reconcile;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows.CallRow;
import io.counterline.server.store.Rows.HealthReportRow;
import io.counterline.server.store.Rows.RatingRow;
import io.counterline.server.store.Rows.TicketRow;
import io.counterline.server.store.Rows.TicketStepRow;
import io.counterline.server.store.StoreException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch's half of the nightly reconciliation with head office: it counts a day's facts per
 * kind from the branch store and sends the counts as a {@link EventType#BRANCH_RECONCILE} fact
 * through the uplink; when head office finds fewer, it asks on {@code dev/uplink/cmd} and this
 * class journals that day's facts of that kind again, each marked {@link Reconcile#RESENT} so
 * head office stores only those whose natural key it lacks.
 *
 * <p>Counts are sent only while the uplink has nothing waiting: then every fact of a past day
 * has been acknowledged after head office's commit, so a shortfall is a loss there, never a
 * fact still on its way (which a re-send would otherwise race).
 */
public final class Reconciliation {
    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    /** Past days counted each night: a week covers a long WAN outage and a restore from backup. */
    static final int NIGHTLY_DAYS = 7;

    private final String branch;
    private final BranchStore store;
    private final Runnable committed;
    private final IntSupplier waiting;
    private final Clock clock;
    private final MessageCodec codec = new MessageCodec();
    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalDate reportedThrough = LocalDate.MIN;
    private final List<Kinds> attached = new CopyOnWriteArrayList<>();

    /**
     * Reconciled kinds kept outside the branch store (the supervision facts of {@code console.db}):
     * their counts of a day and their facts of a day, built again.
     */
    public interface Kinds {
        Set<EventType> kinds();

        Map<EventType, Long> counts(LocalDate day) throws StoreException;

        List<ObjectNode> factsOn(EventType kind, LocalDate day) throws StoreException;
    }

    /**
     * @param store     the branch store (not the engine's tapped view: these facts are not new)
     * @param committed told after facts were journaled (wakes the uplink's copy)
     * @param waiting   facts the uplink has not had acknowledged yet
     */
    public Reconciliation(String branch, BranchStore store, Runnable committed, IntSupplier waiting, Clock clock) {
        this.branch = branch;
        this.store = store;
        this.committed = committed;
        this.waiting = waiting;
        this.clock = clock;
    }

    /**
     * The nightly run, called periodically: once per UTC day, as soon as the uplink has nothing
     * waiting, sends the counts of the {@value #NIGHTLY_DAYS} days before today.
     *
     * @return whether counts were sent
     */
    public synchronized boolean nightly() throws StoreException {
        LocalDate yesterday = yesterday();
        if (!reportedThrough.isBefore(yesterday) || waiting.getAsInt() > 0) {
            return false;
        }
        for (int back = NIGHTLY_DAYS - 1; back >= 0; back--) {
            report(yesterday.minusDays(back));
        }
        reportedThrough = yesterday;
        return true;
    }

    /**
     * Days up to {@code day} count as reported: the uplink starts with yesterday, so the first
     * nightly counts go out after the next UTC midnight it runs through (not at every start, which
     * would put counts between the facts of every short-lived uplink, tests included).
     */
    public synchronized void reportedThrough(LocalDate day) {
        reportedThrough = day;
    }

    /** Counts and sends again {@code kinds} too. */
    public void attach(Kinds kinds) {
        attached.add(kinds);
    }

    /** The day before today (UTC). */
    LocalDate yesterday() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    }

    /**
     * Journals the branch's counts of {@code day} as a reconcile fact (nightly, or on demand for a
     * past day while the uplink has nothing waiting, as {@link #nightly} makes sure).
     */
    public void report(LocalDate day) throws StoreException {
        Map<EventType, Long> all = new EnumMap<>(store.reconcileCounts(day.toString()));
        for (Kinds k : attached) {
            all.putAll(k.counts(day));
        }
        var counts = new Reconcile.Counts(branch, day, all);
        UplinkJournal.commit(store, List.of(new Uplink.Fact(EventType.BRANCH_RECONCILE, counts.toBody())));
        committed.run();
        log.info("reconcile: counts of {} sent to head office: {}", day, counts.counts());
    }

    /** A stored JSON body (written by this server, so it parses). */
    private static ObjectNode json(String body) throws StoreException {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (java.io.IOException | ClassCastException e) {
            throw new StoreException("a stored body is unreadable: " + e.getMessage(), e);
        }
    }

    /** Answers a request of head office read from the uplink's command topic; a bad one is logged and dropped. */
    public void onRequest(byte[] payload) {
        Optional<Reconcile.Resend> request = Reconcile.Resend.decode(payload);
        if (request.isEmpty()) {
            log.warn("reconcile: unreadable request from head office dropped ({} bytes)", payload.length);
            return;
        }
        try {
            resend(request.get());
        } catch (StoreException | IllegalArgumentException e) {
            // Head office asks again after the next counts; nothing is lost meanwhile.
            log.error("reconcile: cannot send {} again: {}", request.get(), e.getMessage());
        }
    }

    /**
     * Journals every fact of the request's day and kind again (marked as re-sent) in one
     * transaction, for the uplink to send.
     *
     * @return how many facts were journaled
     */
    public int resend(Reconcile.Resend request) throws StoreException {
        String day = request.day().toString();
        List<ObjectNode> bodies = new ArrayList<>();
        switch (request.kind()) {
            case BRANCH_TICKET -> {
                for (TicketRow t : store.loadTickets(day)) {
                    bodies.add(codec.toBody(t));
                }
            }
            case BRANCH_TICKET_STEP -> {
                for (TicketStepRow s : store.ticketStepsOn(day)) {
                    bodies.add(CommittedFactsTap.stepBody(codec, s));
                }
            }
            case BRANCH_CALL -> {
                for (CallRow c : store.callsOn(day)) {
                    bodies.add(codec.toBody(c));
                }
            }
            case BRANCH_RATING -> {
                for (RatingRow r : store.ratingsOn(day)) {
                    bodies.add(codec.toBody(r));
                }
            }
            case BRANCH_DEVICE_HEALTH -> {
                for (HealthReportRow h : store.healthReports(request.day().atStartOfDay(ZoneOffset.UTC).toInstant(),
                        request.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
                    if (h.at().toString().startsWith(day)) {
                        bodies.add(CommittedFactsTap.healthBody(h.device(), h.id(), h.at(), json(h.body())));
                    }
                }
            }
            case BRANCH_DEVICE_HEALTH_DAY -> {
                for (String body : store.healthDayBodies(day)) {
                    bodies.add(json(body));
                }
            }
            default -> {
                Kinds owner = attached.stream().filter(k -> k.kinds().contains(request.kind())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(request.kind() + " is not reconciled here"));
                bodies.addAll(owner.factsOn(request.kind(), request.day()));
            }
        }
        String resentAt = clock.instant().toString();
        List<Uplink.Fact> facts = new ArrayList<>(bodies.size());
        for (ObjectNode body : bodies) {
            body.put(Reconcile.RESENT, resentAt);
            facts.add(new Uplink.Fact(request.kind(), body));
        }
        if (!facts.isEmpty()) {
            UplinkJournal.commit(store, facts);
            committed.run();
        }
        log.info("reconcile: head office asked for {} of {} again: {} sent", request.kind().wire(), day,
                facts.size());
        return facts.size();
    }
}
