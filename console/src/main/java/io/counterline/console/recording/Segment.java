package io.counterline.console.recording;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One closed segment as its counter caller announced it ({@code recording.segment}, docs/recording.md
 * "## Contract"): checked here, where it enters the console.
 *
 * @param device    the announcing device (the counter's caller)
 * @param index     0..9999 within the recording
 * @param last      whether it closes the recording
 * @param teller    null when nobody was signed in
 * @param bytes     the WAV file's size, at most {@link #MAX_BYTES}
 * @param sha256    lowercase hex of the WAV file
 */
public record Segment(String device, String recordingId, String segmentId, int index, boolean last, String ticketId,
                      String counterId, String teller, Instant startedAt, long durationMs, long bytes, String sha256) {
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    public static final String FORMAT = "wav-s16le-16k-stereo";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** @throws IllegalArgumentException naming the field */
    public Segment {
        id("device", device);
        uuid("recordingId", recordingId);
        uuid("segmentId", segmentId);
        if (index < 0 || index > 9999) {
            throw new IllegalArgumentException("index must be 0..9999, was " + index);
        }
        id("ticketId", ticketId);
        id("counterId", counterId);
        if (teller != null) {
            id("tellerId", teller);
        }
        if (startedAt == null) {
            throw new IllegalArgumentException("startedAt is missing");
        }
        if (durationMs < 0 || durationMs > 24L * 3600 * 1000) {
            throw new IllegalArgumentException("durationMs must be 0..86400000, was " + durationMs);
        }
        if (bytes < 44 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("bytes must be 44.." + MAX_BYTES + ", was " + bytes);
        }
        sha256(sha256);
    }

    public static String uuid(String field, String v) {
        if (v == null || !UUID.matcher(v).matches()) {
            throw new IllegalArgumentException(field + " must be a lowercase UUID");
        }
        return v;
    }

    public static String sha256(String v) {
        if (v == null || !SHA256.matcher(v).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        return v;
    }

    private static void id(String field, String v) {
        if (v == null || !ID.matcher(v).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
    }

    /** The ticket's number (the last part of {@code <branch>-<yyyyMMdd>-<number>}). */
    public static String ticketNumber(String ticketId) {
        int dash = ticketId.lastIndexOf('-');
        return dash < 0 ? ticketId : ticketId.substring(dash + 1);
    }
}
