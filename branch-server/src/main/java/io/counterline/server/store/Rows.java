package io.counterline.server.store;

import io.counterline.protocol.RatingLevel;
import java.time.Instant;

/** Plain rows the engine writes and reads back at start: the store knows rows, not engine types. */
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

    /** One step of a ticket's timeline ({@code ticket_log}). */
    public record TicketStepRow(String ticket, Instant at, String action, String counter, String teller,
                                String detail) {
    }

    public record TicketRow(String id, String day, String service, int seq, String number, Instant issuedAt,
                            String source, boolean offline, String status, String directedCounter, String counter,
                            String teller, Instant calledAt, Instant startedAt, Instant finishedAt, int recalls) {
    }

    /** An arm sent to {@code pad} at {@code armedAt}; arms stored before schema 3 have no pad. */
    public record ArmRow(String id, String ticket, String counter, String teller, Instant expiresAt, String pad,
                         Instant armedAt) {
    }

    /** Wrong PINs in a row for a subject ({@code teller:t1}, {@code counter:c1}), and until when it is locked. */
    public record LockoutRow(String subject, int failures, Instant lockedUntil) {
    }

    public record LeaseRow(String device, String day, String service, int first, int last) {
    }

    /** A fact waiting in the uplink's journal: its wire type and JSON body; {@code id} orders them. */
    public record UplinkRow(long id, String type, String body) {
    }

    /** A device's stored {@code health.changed} event: its id, device, time and body. */
    public record HealthReportRow(String id, String device, java.time.Instant at, String body) {
    }
}
