package io.counterline.caller.teller;

import io.counterline.caller.display.DisplayContent;
import io.counterline.protocol.Bodies.TellerDay;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.ErrorInfo;
import io.counterline.protocol.Health;
import io.counterline.protocol.ServicesState.Service;
import io.counterline.protocol.TellerRef;
import io.counterline.protocol.TicketRef;
import java.util.List;
import java.util.Map;

/**
 * The caller's model: everything the teller's screen, the LED display, the call button's LED
 * and the voice show, as one immutable snapshot. Only {@link TellerController} makes new ones.
 *
 * @param connected      the broker connection is up
 * @param serverAnswers  false after a request went unanswered, until the server is heard from again
 * @param busy           a request is with the server; no other action is taken until it answers
 * @param counter        this counter as the server last said; null until the first state or answer
 * @param day            the teller's day from the last answer; null before the first answer
 * @param waiting        this counter's services with their waiting counts, from {@code state/services}
 * @param services       every service, the targets of a transfer
 * @param otherCounters  the branch's other counters by id, with their names, the other targets of a transfer
 * @param manualNumber   the number the teller keyed while offline, shown until the server speaks again; null if none
 * @param error          the last failure in plain words; null after a success
 * @param notice         what the last action did, when the counter alone does not show it (a transfer:
 *                       the customer left this counter), both languages; null otherwise
 * @param health         the device's health (hardware parts, outbox, broker)
 * @param recording      the intercom of this transaction is being recorded (the teller sees it)
 */
public record CounterView(boolean connected, boolean serverAnswers, boolean busy, CounterState counter,
                          TellerDay day, List<Service> waiting, List<Service> services,
                          Map<String, String> otherCounters, String manualNumber, ErrorInfo error, String notice,
                          Health health, boolean recording) {

    public CounterView {
        waiting = List.copyOf(waiting);
        services = List.copyOf(services);
        otherCounters = Map.copyOf(otherCounters);
    }

    static CounterView initial() {
        return new CounterView(false, true, false, null, null, List.of(), List.of(), Map.of(), null, null, null,
                Health.OK, false);
    }

    /** The server can be asked: connected, and not known to be silent. */
    public boolean online() {
        return connected && serverAnswers;
    }

    public CounterStatus status() {
        return counter == null ? CounterStatus.CLOSED : counter.status();
    }

    /** The teller signed in here, or null. */
    public TellerRef teller() {
        return counter == null ? null : counter.teller();
    }

    /** The ticket called or being served here, or null. */
    public TicketRef ticket() {
        return counter == null ? null : counter.ticket();
    }

    public boolean signedIn() {
        return teller() != null;
    }

    /** Whether {@code action} may be taken now; the screen greys out the others. */
    public boolean allows(TellerAction action) {
        if (action == TellerAction.MANUAL_CALL) {
            return !online();
        }
        if (!online() || busy) {
            return false;
        }
        CounterStatus status = status();
        boolean calling = status == CounterStatus.CALLING && ticket() != null;
        return switch (action) {
            case SIGN_IN -> !signedIn();
            case SIGN_OUT -> signedIn();
            case CALL_NEXT, CALL_TICKET -> signedIn() && status != CounterStatus.PAUSED;
            case RECALL, START, NO_SHOW -> calling;
            case COMPLETE, TRANSFER -> ticket() != null;
            case PAUSE -> signedIn() && status != CounterStatus.PAUSED;
            case RESUME -> status == CounterStatus.PAUSED;
            case MANUAL_CALL -> false;
        };
    }

    /** What the LED display shows: a keyed number while offline, else the counter's state. */
    public DisplayContent display() {
        if (manualNumber != null) {
            return DisplayContent.call(manualNumber);
        }
        return switch (status()) {
            case CALLING, SERVING -> ticket() != null ? DisplayContent.call(ticket().number()) : DisplayContent.IDLE;
            case PAUSED -> DisplayContent.PAUSED;
            case IDLE, CLOSED -> DisplayContent.IDLE;
        };
    }

    /** Whether the call button's LED is lit: a customer is called here or being served. */
    public boolean buttonLit() {
        return ticket() != null && (status() == CounterStatus.CALLING || status() == CounterStatus.SERVING);
    }

    CounterView withConnection(boolean value) {
        return new CounterView(value, serverAnswers, busy, counter, day, waiting, services, otherCounters,
                manualNumber, error, notice, health, recording);
    }

    CounterView withServerAnswers(boolean value) {
        return new CounterView(connected, value, busy, counter, day, waiting, services, otherCounters,
                manualNumber, error, notice, health, recording);
    }

    CounterView withBusy(boolean value) {
        return new CounterView(connected, serverAnswers, value, counter, day, waiting, services, otherCounters,
                manualNumber, error, notice, health, recording);
    }

    /** The server's word on this counter; a keyed number gives way to it. */
    CounterView withCounter(CounterState value) {
        return new CounterView(connected, serverAnswers, busy, value, day, waiting, services, otherCounters, null,
                error, notice, health, recording);
    }

    CounterView withDay(TellerDay value) {
        return new CounterView(connected, serverAnswers, busy, counter, value, waiting, services, otherCounters,
                manualNumber, error, notice, health, recording);
    }

    CounterView withServices(List<Service> all, List<Service> ours) {
        return new CounterView(connected, serverAnswers, busy, counter, day, ours, all, otherCounters,
                manualNumber, error, notice, health, recording);
    }

    CounterView withOtherCounters(Map<String, String> value) {
        return new CounterView(connected, serverAnswers, busy, counter, day, waiting, services, value,
                manualNumber, error, notice, health, recording);
    }

    CounterView withManualNumber(String value) {
        return new CounterView(connected, serverAnswers, busy, counter, day, waiting, services, otherCounters,
                value, error, notice, health, recording);
    }

    CounterView withError(ErrorInfo value) {
        return new CounterView(connected, serverAnswers, busy, counter, day, waiting, services, otherCounters,
                manualNumber, value, notice, health, recording);
    }

    CounterView withNotice(String value) {
        return new CounterView(connected, serverAnswers, busy, counter, day, waiting, services, otherCounters,
                manualNumber, error, value, health, recording);
    }

    CounterView withHealth(Health value) {
        return new CounterView(connected, serverAnswers, busy, counter, day, waiting, services, otherCounters,
                manualNumber, error, notice, value, recording);
    }

    CounterView withRecording(boolean value) {
        return new CounterView(connected, serverAnswers, busy, counter, day, waiting, services, otherCounters,
                manualNumber, error, notice, health, value);
    }
}
