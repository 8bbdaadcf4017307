package io.counterline.server.queue;

import io.counterline.protocol.CounterStatus;
import io.counterline.server.config.CounterConfig;
import java.time.Instant;

/** A counter as the engine keeps it: who sits there, what they are doing. Engine thread only. */
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

    void set(CounterStatus newStatus, Instant at) {
        if (newStatus != status) {
            status = newStatus;
            since = at;
        }
    }
}
