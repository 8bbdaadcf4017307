package io.counterline.server.store;

import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.RatingLevel;
import io.counterline.server.store.Rows.ArmRow;
import io.counterline.server.store.Rows.CallRow;
import io.counterline.server.store.Rows.CounterRow;
import io.counterline.server.store.Rows.LeaseRow;
import io.counterline.server.store.Rows.LockoutRow;
import io.counterline.server.store.Rows.RatingRow;
import io.counterline.server.store.Rows.TicketRow;
import io.counterline.server.store.Rows.TicketStepRow;
import io.counterline.server.store.Rows.UplinkRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the branch server keeps. SQLite by default; the interface is what a head office
 * implements over PostgreSQL.
 *
 * <p>Threading: written only from the engine's single thread; every write happens inside
 * {@link #inTransaction}, which commits durably before it returns.
 */
public interface BranchStore extends AutoCloseable {

    /** Work that runs inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws StoreException;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    <T> T inTransaction(Work<T> work) throws StoreException;

    /**
     * Runs {@code work} inside the open transaction so that, if it throws, only its own writes
     * are undone (a savepoint) and the rest of the transaction goes on.
     */
    <T> T isolated(Work<T> work) throws StoreException;

    /**
     * Stores device events, each at most once (by id, and by device, generation and sequence).
     *
     * @return the events that were new; the others were already held
     */
    List<EventEnvelope> storeEvents(List<EventEnvelope> events) throws StoreException;

    long countEvents() throws StoreException;

    Optional<String> loadDay() throws StoreException;

    void saveDay(String day) throws StoreException;

    Map<String, Integer> loadNumbers(String day) throws StoreException;

    void saveNumber(String day, String service, int next) throws StoreException;

    /** The day's tickets in issue order. */
    List<TicketRow> loadTickets(String day) throws StoreException;

    void saveTicket(TicketRow ticket) throws StoreException;

    /** Whether a ticket of any day has this id. */
    boolean hasTicket(String id) throws StoreException;

    void logTicket(String ticket, Instant at, String action, String counter, String teller, String detail)
            throws StoreException;

    List<CounterRow> loadCounters() throws StoreException;

    void saveCounter(CounterRow counter) throws StoreException;

    void insertCall(CallRow call) throws StoreException;

    /** The newest {@code limit} calls, newest first. */
    List<CallRow> recentCalls(int limit) throws StoreException;

    /** @return false when the ticket already has a rating (nothing written) */
    boolean insertRating(RatingRow rating) throws StoreException;

    /** Per teller, the count of each rating level for tickets of {@code day}. */
    Map<String, Map<RatingLevel, Integer>> ratingsByTeller(String day) throws StoreException;

    void insertArm(ArmRow arm) throws StoreException;

    Optional<ArmRow> findArm(String id) throws StoreException;

    /** Arms sent to a pad that expire after {@code now} and whose ticket has no rating, oldest first. */
    List<ArmRow> openArms(Instant now) throws StoreException;

    void insertLease(LeaseRow lease) throws StoreException;

    List<LeaseRow> leases(String device, String day) throws StoreException;

    /** Every block leased on {@code day}, by any kiosk. */
    List<LeaseRow> leases(String day) throws StoreException;

    List<LockoutRow> loadLockouts() throws StoreException;

    void saveLockout(LockoutRow lockout) throws StoreException;

    /** The answer already given to request {@code id} of {@code device}, as JSON. */
    Optional<String> findResponse(String device, String id) throws StoreException;

    void saveResponse(String device, String id, String op, Instant at, String json) throws StoreException;

    @Override
    void close();

    /**
     * Adds facts for head office to the uplink's journal, inside the open transaction, so that
     * they are committed (or undone) with the writes they describe. Their ids are ignored.
     */
    void journalUplink(List<UplinkRow> facts) throws StoreException;

    /** Up to {@code limit} journaled facts with an id above {@code afterId}, in commit order. */
    List<UplinkRow> journaledUplink(long afterId, int limit) throws StoreException;

    /** Removes the journaled facts up to {@code upToId} (they are in the uplink's outbox now). */
    void forgetJournaledUplink(long upToId) throws StoreException;

    /** How many facts the journal holds. */
    int journaledUplinkCount() throws StoreException;

    /**
     * For the nightly reconciliation with head office: how many facts of each reconciled kind
     * ({@code Reconcile.KINDS}) belong to {@code day}, each counted once by its natural key
     * (ticket id, call id, rated ticket, ticket + time + action of a step). A ticket belongs to
     * its business day, the others to the UTC date of their time.
     */
    Map<EventType, Long> reconcileCounts(String day) throws StoreException;

    /** The calls whose time falls on {@code day} (UTC), to send them again. */
    List<CallRow> callsOn(String day) throws StoreException;

    /** The ratings whose time falls on {@code day} (UTC), to send them again. */
    List<RatingRow> ratingsOn(String day) throws StoreException;

    /** The ticket steps whose time falls on {@code day} (UTC), to send them again. */
    List<TicketStepRow> ticketStepsOn(String day) throws StoreException;

    /**
     * The stored {@code health.changed} events with a time from {@code from} to {@code to}
     * (inclusive, as the stored text compares: callers filter the exact bounds), oldest first.
     */
    List<Rows.HealthReportRow> healthReports(Instant from, Instant to) throws StoreException;

    /** Each device's last stored {@code health.changed} event before {@code at}. */
    List<Rows.HealthReportRow> lastHealthReports(Instant at) throws StoreException;

    /** The newest business day whose device health summaries were built, if any. */
    Optional<String> lastHealthDayBuilt() throws StoreException;

    /**
     * Keeps a business day's device health summaries (device to fact body) and marks the day
     * built; in the caller's transaction, with their journaling for the uplink.
     */
    void saveHealthDay(String day, Map<String, String> bodies) throws StoreException;

    /** The kept summary bodies of a business day, to count and send them again. */
    List<String> healthDayBodies(String day) throws StoreException;
}
