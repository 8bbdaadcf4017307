package io.counterline.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The typed contents of request args, response results, event bodies and command bodies, one
 * record per kind (see docs/protocol.md for which goes where). They travel as the JSON objects
 * {@code args}, {@code result} and {@code body}; read them with
 * {@link MessageCodec#decodeBody} and write them with {@link MessageCodec#toBody}.
 */
public final class Bodies {
    private Bodies() {
    }

    /** Args of requests that need none (sign-out, call next, recall, start, complete, …). */
    public record None() {
    }

    /** Args of {@code ticket.issue}. */
    public record IssueTicket(String service) {
        public IssueTicket {
            Check.id(service, "service");
        }
    }

    /**
     * Result of {@code ticket.issue}: everything the slip shows.
     *
     * @param peopleAhead          tickets of this service waiting before this one
     * @param estimatedWaitSeconds from recent service times at the counters serving it
     */
    public record IssuedTicket(TicketRef ticket, String serviceNameZh, String serviceNameEn, String branchName,
                               int peopleAhead, int estimatedWaitSeconds) {
        public IssuedTicket {
            Check.present(ticket, "ticket");
            Check.text(serviceNameZh, "serviceNameZh", 40);
            Check.text(serviceNameEn, "serviceNameEn", 60);
            Check.text(branchName, "branchName", 60);
            Check.notNegative(peopleAhead, "peopleAhead");
            Check.notNegative(estimatedWaitSeconds, "estimatedWaitSeconds");
        }
    }

    /** Args of {@code teller.sign-in}; the counter is the one the calling device is bound to. */
    public record SignIn(String teller, String pin) {
        public SignIn {
            Check.id(teller, "teller");
            Check.text(pin, "pin", 16);
        }
    }

    /** Args of {@code call.ticket}: the number as printed, e.g. "A012". */
    public record CallTicket(String number) {
        public CallTicket {
            Check.text(number, "number", 8);
        }
    }

    /** Args of {@code ticket.transfer}: exactly one of a service or a counter. */
    public record Transfer(String toService, String toCounter) {
        public Transfer {
            if ((toService == null) == (toCounter == null)) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD,
                        "transfer needs exactly one of toService and toCounter");
            }
            if (toService != null) {
                Check.id(toService, "toService");
            } else {
                Check.id(toCounter, "toCounter");
            }
        }
    }

    /** Args of {@code counter.pause}. */
    public record Pause(String reason) {
        public Pause {
            Check.text(reason, "reason", 40);
        }
    }

    /**
     * The teller's day so far, for the counter screen.
     *
     * @param ratings count per rating level wire name
     */
    public record TellerDay(int served, int averageServiceSeconds, Map<RatingLevel, Integer> ratings) {
        public TellerDay {
            Check.notNegative(served, "served");
            Check.notNegative(averageServiceSeconds, "averageServiceSeconds");
            ratings = Map.copyOf(Check.present(ratings, "ratings"));
        }
    }

    /**
     * Body of the {@code teller.day} command: the server pushes a signed-in teller's day to the
     * callers of their counter when it changes without a teller action (a rating given).
     */
    public record TellerDayUpdate(String teller, TellerDay day) {
        public TellerDayUpdate {
            Check.id(teller, "teller");
            Check.present(day, "day");
        }
    }

    /** Result of every teller operation: the counter as it is now, and the teller's day. */
    public record CounterReply(CounterState counter, TellerDay day) {
        public CounterReply {
            Check.present(counter, "counter");
        }
    }

    /** Args of {@code block.lease}: a kiosk asks for numbers to issue while offline. */
    public record LeaseBlock(String service, int size) {
        public LeaseBlock {
            Check.id(service, "service");
            if (size < 1 || size > 500) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "size must be 1..500, was " + size);
            }
        }
    }

    /** Result of {@code block.lease}: numbers {@code first..last} of the service, for that day only. */
    public record BlockLease(String service, String prefix, String businessDay, int first, int last) {
        public BlockLease {
            Check.id(service, "service");
            Check.text(prefix, "prefix", 2);
            Check.text(businessDay, "businessDay", 10);
            if (first < 1 || last < first) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "block " + first + ".." + last);
            }
        }
    }

    /** Body of {@code slip.printed} and {@code slip.failed}; {@code reason} says why it failed. */
    public record SlipOutcome(String ticketId, String number, String reason) {
        public SlipOutcome {
            Check.text(ticketId, "ticketId", 64);
            Check.text(number, "number", 8);
            reason = reason == null ? "" : reason;
        }
    }

    /** Body of {@code ticket.issued-offline}: a ticket a kiosk issued from its leased block. */
    public record OfflineTicket(String ticketId, String service, String number, int sequence, String businessDay,
                                Instant issuedAt) {
        public OfflineTicket {
            Check.text(ticketId, "ticketId", 64);
            Check.id(service, "service");
            Check.text(number, "number", 8);
            if (sequence < 1) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "sequence must be at least 1");
            }
            Check.text(businessDay, "businessDay", 10);
            Check.present(issuedAt, "issuedAt");
        }
    }

    /**
     * A teller's photo as the pad fetches it: from {@code url} over HTTP, content-addressed by its
     * SHA-256 (the pad checks the bytes against it and caches them under it, so a photo is fetched
     * once per content).
     */
    public record TellerPhoto(String sha256, String url) {
        public TellerPhoto {
            Check.present(sha256, "photo.sha256");
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD,
                        "photo.sha256 must be 64 lower-case hex digits");
            }
            Check.text(url, "photo.url", 300);
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "photo.url must be http or https");
            }
        }
    }

    /** Body of the {@code rating.arm} command: the one transaction the pad may rate, until expiry. */
    public record RatingArm(String armId, TicketRef ticket, TellerRef teller, String counter, Instant expiresAt,
                            Long ttlMs, TellerPhoto photo) {
        /** The longest an arm may be held: a rating is about the transaction just finished. */
        public static final long MAX_TTL_MS = Duration.ofHours(1).toMillis();

        /**
         * @param expiresAt when the arm ends by the server's clock (kept for older pads)
         * @param ttlMs     how long the arm is held from its receipt, timed on the pad's monotonic
         *                  clock; absent from older servers
         * @param photo     the teller's photo; absent when they have none
         */
        public RatingArm {
            Check.text(armId, "armId", 64);
            Check.present(ticket, "ticket");
            Check.present(teller, "teller");
            Check.id(counter, "counter");
            Check.present(expiresAt, "expiresAt");
            Check.optionalWithin(ttlMs, "ttlMs", 1, MAX_TTL_MS);
        }

        /** An arm as older servers send it: no time-to-live. */
        public RatingArm(String armId, TicketRef ticket, TellerRef teller, String counter, Instant expiresAt) {
            this(armId, ticket, teller, counter, expiresAt, null);
        }

        /** An arm without the teller's photo (none uploaded, or an older server). */
        public RatingArm(String armId, TicketRef ticket, TellerRef teller, String counter, Instant expiresAt,
                         Long ttlMs) {
            this(armId, ticket, teller, counter, expiresAt, ttlMs, null);
        }
    }

    /** Result of {@code clock.read}: the server's clock when it answered, for the device's offset estimate. */
    public record ServerClock(Instant at) {
        public ServerClock {
            Check.present(at, "at");
        }
    }

    /** Body of {@code rating.given}: one customer's rating of one transaction. */
    public record RatingGiven(String armId, String ticketId, String counter, String teller, RatingLevel level) {
        public RatingGiven {
            Check.text(armId, "armId", 64);
            Check.text(ticketId, "ticketId", 64);
            Check.id(counter, "counter");
            Check.id(teller, "teller");
            Check.present(level, "level");
        }
    }

    /** Body of {@code display.manual}: a teller keyed a number to show while the server was away. */
    public record ManualCall(String counter, String number) {
        public ManualCall {
            Check.id(counter, "counter");
            Check.text(number, "number", 8);
        }
    }

    /** Body of {@code health.changed}. */
    public record HealthChanged(Health health) {
        public HealthChanged {
            Check.present(health, "health");
        }
    }

    /**
     * Body of {@code signage.played} (hall displays only): proof of play. Sent each time what the
     * hall display shows changes: from {@code at} it shows these images and notices.
     *
     * @param revision the schedule's revision (0: the branch file's content, no schedule)
     * @param playlist the playlist shown, or {@code emergency}
     * @param images   the checksums of the images shown, in order (only verified ones)
     * @param notices  how many text notices are on the ticker
     */
    public record SignagePlayed(long revision, String playlist, java.util.List<String> images, int notices, Instant at) {
        public SignagePlayed {
            Check.text(playlist, "playlist", 64);
            images = java.util.List.copyOf(Check.present(images, "images"));
            if (images.size() > SignageSchedule.MAX_ITEMS) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "too many images");
            }
            Check.notNegative(notices, "notices");
            Check.present(at, "at");
        }
    }

    /**
     * Body of {@code recording.segment} (counter callers only): one closed segment of a counter
     * recording is on the device's disk, ready for upload (docs/recording.md, "Contract"). The file
     * is a WAV of {@link #FORMAT}; its bytes go over HTTP, never over MQTT.
     *
     * @param recordingId one transaction's recording, chosen at the call (UUID)
     * @param segmentId   this segment (UUID), also the upload's name
     * @param index       the segment's place in its recording, from 0
     * @param last        whether this segment closes the recording
     * @param tellerId    the teller signed in at the call, or null
     * @param startedAt   capture start of the segment, epoch milliseconds by the device's corrected clock
     * @param durationMs  audio length in milliseconds
     * @param bytes       file size in bytes
     * @param sha256      the file's SHA-256, 64 lowercase hex digits
     */
    public record RecordingSegment(String recordingId, String segmentId, Integer index, Boolean last,
                                   String ticketId, String counterId, String tellerId, Long startedAt,
                                   Long durationMs, Long bytes, String sha256, String format) {
        /** The only format of version 1: WAV, signed 16-bit little-endian, 16 kHz, left teller, right customer. */
        public static final String FORMAT = "wav-s16le-16k-stereo";
        public static final int MAX_INDEX = 9999;
        public static final long MAX_DURATION_MS = 600_000;
        public static final long MAX_BYTES = 64L * 1024 * 1024;
        /** 2000-01-01T00:00:00Z and 2200-01-01T00:00:00Z: a capture time outside is a broken clock. */
        public static final long MIN_EPOCH_MS = 946_684_800_000L;
        public static final long MAX_EPOCH_MS = 7_258_118_400_000L;

        public RecordingSegment {
            Check.uuid(recordingId, "recordingId");
            Check.uuid(segmentId, "segmentId");
            Check.within(Check.present(index, "index"), "index", 0, MAX_INDEX);
            Check.present(last, "last");
            Check.text(ticketId, "ticketId", 64);
            Check.id(counterId, "counterId");
            if (tellerId != null) {
                Check.id(tellerId, "tellerId");
            }
            Check.within(Check.present(startedAt, "startedAt"), "startedAt", MIN_EPOCH_MS, MAX_EPOCH_MS);
            Check.within(Check.present(durationMs, "durationMs"), "durationMs", 1, MAX_DURATION_MS);
            Check.within(Check.present(bytes, "bytes"), "bytes", 1, MAX_BYTES);
            Check.sha256(sha256, "sha256");
            if (!FORMAT.equals(Check.present(format, "format"))) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD,
                        "format must be " + FORMAT + ", was " + format);
            }
        }
    }

    /**
     * Body of the {@code recording.live} command (to one counter caller): while {@code on}, the
     * caller streams its audio live to the branch server, and stops by itself when {@code ttlMs}
     * pass (on its monotonic clock) without another {@code on}.
     */
    public record RecordingLive(Boolean on, Long ttlMs) {
        public static final long MIN_TTL_MS = 1_000;
        public static final long MAX_TTL_MS = 60_000;

        public RecordingLive {
            Check.present(on, "on");
            Check.within(Check.present(ttlMs, "ttlMs"), "ttlMs", MIN_TTL_MS, MAX_TTL_MS);
        }
    }

    /**
     * Args of {@code order.create} (counter callers only): a work order (complaint, question, …)
     * for the customer at the counter. The server links it to the counter, the teller signed in
     * there and the ticket called or being served; the deadline comes from the category's limit.
     *
     * @param category    a work-order category id ({@code complaint}, {@code consultation}, …)
     * @param description what the customer said, at most {@value #MAX_ORDER_TEXT} characters
     * @param contact     the customer's contact, at most {@value #MAX_ORDER_CONTACT} characters; null or "" when none
     * @param voiceNote   the {@code recordingId} of the teller's dictated note (docs/recording.md "Voice notes"),
     *                    or null; with one the description may be empty, without one it is required
     */
    public record NewOrder(String category, String description, String contact, String voiceNote) {
        public static final int MAX_ORDER_TEXT = 2000;
        public static final int MAX_ORDER_CONTACT = 200;
        /** A dictated note is at most two minutes: a note, not a recording of the conversation. */
        public static final long MAX_VOICE_NOTE_MS = 120_000;

        public NewOrder {
            Check.id(category, "category");
            if (voiceNote == null) {
                Check.text(description, "description", MAX_ORDER_TEXT);
            } else {
                Check.uuid(voiceNote, "voiceNote");
                if (Check.present(description, "description").length() > MAX_ORDER_TEXT) {
                    throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD,
                            "description is longer than " + MAX_ORDER_TEXT + " characters");
                }
            }
            if (contact != null && contact.length() > MAX_ORDER_CONTACT) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD,
                        "contact is longer than " + MAX_ORDER_CONTACT + " characters");
            }
        }

        /** A typed order without a voice note. */
        public NewOrder(String category, String description, String contact) {
            this(category, description, contact, null);
        }
    }

    /**
     * Result of {@code order.create}: the order's number and deadline (business time).
     *
     * @param ticket the number of the ticket it is linked to ("A012"), or null when none was at the counter
     */
    public record OrderCreated(long order, String category, Instant deadline, String ticket) {
        public OrderCreated {
            Check.positive(order, "order");
            Check.id(category, "category");
            Check.present(deadline, "deadline");
            if (ticket != null) {
                Check.text(ticket, "ticket", 8);
            }
        }
    }

    /**
     * Body of {@code supervision.notice} (to counter callers): a reminder (催办) or supervision
     * notice (督办) for a work order, sent to the caller where its recipient is signed in.
     *
     * @param level      {@code reminder}, {@code notice} or {@code second}
     * @param deadline   the order's deadline
     * @param suppressed notices for this caller not sent just before this one (throttled); see them in the console
     */
    public record SupervisionNotice(long order, String level, String category, Instant deadline, int suppressed) {
        public SupervisionNotice {
            Check.positive(order, "order");
            Check.id(level, "level");
            Check.id(category, "category");
            Check.present(deadline, "deadline");
            Check.notNegative(suppressed, "suppressed");
        }
    }
}
