package io.counterline.protocol;

/** Why a payload was refused: a category for counting and a detail for the log. */
public record Rejection(Reason reason, String detail) {

    public enum Reason {
        TOO_LARGE, NOT_JSON, UNKNOWN_VERSION, MISSING_FIELD, INVALID_FIELD, BAD_ENUM, DEVICE_MISMATCH
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
