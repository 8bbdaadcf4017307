package io.counterline.server.store;

import io.counterline.protocol.RatingLevel;
import java.time.Instant;

/** Plain rows the engine writes and reads back at start. */
public final class Rows {
    private Rows() {
    }

    public record CounterRow(String id, String status, String teller, String ticket, String pauseReason,
                             Instant since, String callId) {
    }

    public record CallRow(String id, String ticket, String number, String counter, String teller, Instant at,
                          int recall, String reason) {
    }

    public record RatingRow(String ticket, String armId, String counter, String teller, RatingLevel level,
                            Instant at, String eventId) {
    }

    public record ArmRow(String id, String ticket, String counter, String teller, Instant expiresAt) {
    }

    public record LeaseRow(String device, String day, String service, int first, int last) {
    }
}
