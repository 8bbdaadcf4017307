package io.counterline.protocol;

import io.counterline.protocol.Rejection.Reason;

/** Field checks used by the message records' constructors. */
final class Check {
    private Check() {
    }

    static void version(int v) {
        if (v != MessageCodec.VERSION) {
            throw new InvalidMessageException(Reason.UNKNOWN_VERSION,
                    "v=" + v + ", this build speaks v=" + MessageCodec.VERSION);
        }
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidMessageException(Reason.MISSING_FIELD, field + " is missing");
        }
        return value;
    }

    static String text(String value, String field, int maxLength) {
        present(value, field);
        if (value.isBlank()) {
            throw new InvalidMessageException(Reason.MISSING_FIELD, field + " is empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidMessageException(Reason.INVALID_FIELD,
                    field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    static String id(String value, String field) {
        present(value, field);
        String problem = Ids.problem(value);
        if (problem != null) {
            throw new InvalidMessageException(Reason.INVALID_FIELD, field + " " + problem);
        }
        return value;
    }

    static long positive(long value, String field) {
        if (value < 1) {
            throw new InvalidMessageException(Reason.INVALID_FIELD, field + " must be at least 1, was " + value);
        }
        return value;
    }

    /** A value that may be absent (older senders) but, when present, lies within [min, max]. */
    static Long optionalWithin(Long value, String field, long min, long max) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidMessageException(Reason.INVALID_FIELD,
                    field + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static int notNegative(int value, String field) {
        if (value < 0) {
            throw new InvalidMessageException(Reason.INVALID_FIELD, field + " must not be negative, was " + value);
        }
        return value;
    }

    static long within(long value, String field, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidMessageException(Reason.INVALID_FIELD,
                    field + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static final java.util.regex.Pattern UUID =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /** A UUID in its canonical lowercase text form. */
    static String uuid(String value, String field) {
        present(value, field);
        if (!UUID.matcher(value).matches()) {
            throw new InvalidMessageException(Reason.INVALID_FIELD, field + " is not a lowercase UUID");
        }
        return value;
    }

    /** A SHA-256 as 64 lowercase hex digits. */
    static String sha256(String value, String field) {
        present(value, field);
        if (!SHA256.matcher(value).matches()) {
            throw new InvalidMessageException(Reason.INVALID_FIELD, field + " is not 64 lowercase hex digits");
        }
        return value;
    }
}
