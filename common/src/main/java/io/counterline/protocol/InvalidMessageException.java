package io.counterline.protocol;

/**
 * Thrown by message constructors when a value breaks the contract; the codec turns it into a
 * {@link Rejection}, so it never escapes {@link MessageCodec#decode}.
 */
public final class InvalidMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient Rejection rejection;

    public InvalidMessageException(Rejection.Reason reason, String detail) {
        super(reason + ": " + detail);
        this.rejection = new Rejection(reason, detail);
    }

    public Rejection rejection() {
        return rejection;
    }
}
