package io.counterline.protocol;

/** Why a payload was refused: a category for counting and a detail for the log. */
public record Rejection(Reason reason, String detail) {

    public enum Reason {
        TOO_LARGE, NOT_JSON, UNKNOWN_VERSION, MISSING_FIELD, INVALID_FIELD, BAD_ENUM, DEVICE_MISMATCH,
        /** Bytes that are not well-formed UTF-8 (RFC 3629): overlong forms, encoded surrogates, truncations. */
        NOT_UTF8,
        /** A field of another JSON type than the contract's: text for a number or boolean, a number for text or an instant, a fraction for an integer. */
        WRONG_TYPE
    }

    public Rejection {
        if (reason == null) {
            throw new IllegalArgumentException("reason is required");
        }
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
