package io.counterline.console.supervision;

/** The user's role or scope does not allow this (answered 403 and audited as {@code forbidden}). */
public final class NotAllowed extends RuntimeException {
    public NotAllowed(String message) {
        super(message);
    }
}
