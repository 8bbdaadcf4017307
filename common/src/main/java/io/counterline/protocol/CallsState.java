package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** Retained on {@code state/calls}: the latest calls, newest first, for hall displays. */
public record CallsState(@JsonProperty(required = true) int v, Instant at, List<Call> calls) {

    /**
     * One call of a ticket to a counter.
     *
     * @param callId unique per call, so a display can tell a new call or a recall (new id) from
     *               the same state delivered twice (same id)
     * @param recall 0 for the first call, then 1, 2, … for each recall
     */
    public record Call(String callId, String ticketId, String number, String counter, String counterNameZh,
                       String counterNameEn, int recall, Instant at) {
        public Call {
            Check.text(callId, "call.callId", 64);
            Check.text(ticketId, "call.ticketId", 64);
            Check.text(number, "call.number", 8);
            Check.id(counter, "call.counter");
            Check.text(counterNameZh, "call.counterNameZh", 40);
            Check.text(counterNameEn, "call.counterNameEn", 60);
            Check.notNegative(recall, "call.recall");
            Check.present(at, "call.at");
        }
    }

    public CallsState {
        Check.version(v);
        Check.present(at, "at");
        calls = List.copyOf(Check.present(calls, "calls"));
    }
}
