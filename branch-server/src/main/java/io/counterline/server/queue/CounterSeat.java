package io.counterline.server.queue;

import io.counterline.protocol.CounterStatus;
import io.counterline.server.config.CounterConfig;
import io.counterline.server.store.Rows;
import java.time.Instant;

/**
 * A counter as the engine keeps it, and the rules of its states (docs/queue-policy.md, "Teller
 * actions"): closed → idle on sign-in; idle → calling → serving → idle; idle ↔ paused; idle →
 * closed on sign-out. Each check throws the error the teller is shown, before anything changes.
 * Pure memory, engine thread only; the caller stores {@link #row()}.
 */
final class CounterSeat {
    final CounterConfig config;
    CounterStatus status = CounterStatus.CLOSED;
    String teller;
    Ticket ticket;
    String pauseReason;
    Instant since;
    String callId;

    CounterSeat(CounterConfig config, Instant since) {
        this.config = config;
        this.since = since;
    }

    String id() {
        return config.id();
    }

    boolean serves(String service) {
        return config.services().containsKey(service);
    }

    /** Signed in and not paused: counts toward the open counters of the services it serves. */
    boolean isOpen() {
        return teller != null && status != CounterStatus.PAUSED;
    }

    /** Open and serving {@code service} by the branch file (the console's added services: {@code Today#serves}). */
    boolean isOpenFor(String service) {
        return isOpen() && serves(service);
    }

    void set(CounterStatus newStatus, Instant at) {
        if (newStatus != status) {
            status = newStatus;
            since = at;
        }
    }

    // ------------------------------------------------------------ checks

    void requireSignedIn() throws QueueException {
        if (teller == null) {
            throw QueueError.NOT_SIGNED_IN.because(id());
        }
    }

    void requireNotPaused() throws QueueException {
        if (status == CounterStatus.PAUSED) {
            throw QueueError.COUNTER_PAUSED.because(pauseReason);
        }
    }

    void requireNobodyAtCounter() throws QueueException {
        if (ticket != null) {
            throw QueueError.FINISH_CURRENT_FIRST.because(ticket.number);
        }
    }

    /** The ticket at the counter, or NO_CURRENT_TICKET. */
    Ticket current() throws QueueException {
        if (ticket == null) {
            throw QueueError.NO_CURRENT_TICKET.because(id());
        }
        return ticket;
    }

    /** The ticket at the counter if it has been called and not yet started. */
    Ticket calledNotStarted(String whyNot) throws QueueException {
        Ticket t = current();
        if (t.status != TicketStatus.CALLED) {
            throw QueueError.WRONG_STATE.because(t.number + whyNot);
        }
        return t;
    }

    // ------------------------------------------------------------ transitions

    /** @return whether anything changed (signing in again at the same counter changes nothing) */
    boolean signIn(String tellerId, Instant now) throws QueueException {
        if (ticket != null && !tellerId.equals(teller)) {
            throw QueueError.FINISH_CURRENT_FIRST.because(teller + " is serving " + ticket.number);
        }
        if (tellerId.equals(teller)) {
            return false;
        }
        teller = tellerId;
        pauseReason = null;
        set(CounterStatus.IDLE, now);
        return true;
    }

    /** @return the teller who signed out */
    String signOut(Instant now) throws QueueException {
        requireSignedIn();
        requireNobodyAtCounter();
        String was = teller;
        teller = null;
        pauseReason = null;
        set(CounterStatus.CLOSED, now);
        return was;
    }

    void pause(String reason, Instant now) throws QueueException {
        requireSignedIn();
        requireNobodyAtCounter();
        pauseReason = reason;
        set(CounterStatus.PAUSED, now);
    }

    void resume(Instant now) throws QueueException {
        requireSignedIn();
        if (status != CounterStatus.PAUSED) {
            throw QueueError.NOT_PAUSED.get();
        }
        pauseReason = null;
        set(CounterStatus.IDLE, now);
    }

    /** A ticket is called here. */
    void calling(Ticket t, Instant now) {
        ticket = t;
        set(CounterStatus.CALLING, now);
    }

    void serving(Instant now) {
        set(CounterStatus.SERVING, now);
    }

    /** Nobody at the counter any more. */
    void free(Instant now) {
        ticket = null;
        set(CounterStatus.IDLE, now);
    }

    /** The business day ended: everybody signs in again. */
    void close(Instant now) {
        ticket = null;
        teller = null;
        pauseReason = null;
        set(CounterStatus.CLOSED, now);
    }

    Rows.CounterRow row() {
        return new Rows.CounterRow(id(), status.name(), teller, ticket == null ? null : ticket.id, pauseReason, since,
                callId);
    }
}
