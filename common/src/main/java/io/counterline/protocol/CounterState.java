package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Retained on {@code state/counters/{counter}}.
 *
 * @param ticket      the ticket being called or served; null when none
 * @param teller      the signed-in teller; null when nobody is signed in
 * @param pauseReason why the counter is paused; null unless paused
 * @param since       when the counter entered this status
 */
public record CounterState(@JsonProperty(required = true) int v, String counter, String nameZh, String nameEn,
                           CounterStatus status, TicketRef ticket, TellerRef teller, String pauseReason,
                           Instant since) {
    public CounterState {
        Check.version(v);
        Check.id(counter, "counter");
        Check.text(nameZh, "nameZh", 40);
        Check.text(nameEn, "nameEn", 60);
        Check.present(status, "status");
        Check.present(since, "since");
    }
}
