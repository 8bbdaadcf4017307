package io.counterline.caller.voice;

import io.counterline.audio.Phrases;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.Operation;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides what the counter says ("three sounds"): the call when a new ticket is called here,
 * "请您对我的服务进行评价" when the teller's action finished serving a customer (which arms the
 * rating pad), and optionally "您好" when service starts.
 *
 * <p>Calls follow the counter's state, the server's word, whether it comes as an answer or as
 * the retained {@code state/counters/{counter}}; a call is known by ticket and {@code since},
 * so the same state seen twice (answer and publish, or a re-delivered retained message) is said
 * once. A recall may leave the state as it was, so it is said when its answer comes unless the
 * state already said it.
 *
 * <p>Confined to the controller's thread.
 */
public final class CallPrompts {
    private record CallKey(String ticketId, Instant since) {
    }

    private final AnnouncementQueue voice;
    private final String counterNumber;
    private final boolean greeting;
    private CallKey lastCall;
    private boolean recallSaid;

    public CallPrompts(AnnouncementQueue voice, String counterNumber, boolean greeting) {
        this.voice = voice;
        this.counterNumber = counterNumber;
        this.greeting = greeting;
    }

    /** A request is about to go to the server. */
    public void requesting(Operation op) {
        if (op == Operation.CALL_RECALL) {
            recallSaid = false;
        }
    }

    /**
     * The counter changed while {@code inFlight} (or null) was being asked.
     *
     * @param before null before the first state: then nothing is said, as the call may be old
     */
    public void counterChanged(CounterState before, CounterState after, Operation inFlight) {
        if (before == null) {
            lastCall = key(after);
            return;
        }
        boolean ticketLeft = before.ticket() != null
                && (after.ticket() == null || !after.ticket().id().equals(before.ticket().id()));
        if (ticketLeft && (inFlight == Operation.SERVICE_COMPLETE || inFlight == Operation.CALL_NEXT)) {
            // call.next with a ticket at the counter completes it first (the button-only counter).
            voice.say(Phrases.rateUs());
        }
        CallKey call = key(after);
        if (call != null && !call.equals(lastCall)) {
            say(after);
            if (inFlight == Operation.CALL_RECALL) {
                recallSaid = true;
            }
        }
        if (greeting && after.status() == CounterStatus.SERVING && before.status() == CounterStatus.CALLING
                && after.ticket() != null && before.ticket() != null
                && after.ticket().id().equals(before.ticket().id())) {
            voice.say(Phrases.greeting());
        }
    }

    /** The server answered a recall with the counter as it now is. */
    public void recalled(CounterState counter) {
        if (!recallSaid && counter.status() == CounterStatus.CALLING && counter.ticket() != null) {
            say(counter);
        }
        recallSaid = true;
    }

    /** The teller keyed {@code number} to call by hand while the server was away. */
    public void manualCall(String number) {
        voice.say(Phrases.call(number, counterNumber));
    }

    private void say(CounterState calling) {
        lastCall = key(calling);
        voice.say(Phrases.call(calling.ticket().number(), counterNumber));
    }

    private static CallKey key(CounterState s) {
        return s.status() == CounterStatus.CALLING && s.ticket() != null
                ? new CallKey(s.ticket().id(), Objects.requireNonNull(s.since())) : null;
    }
}
