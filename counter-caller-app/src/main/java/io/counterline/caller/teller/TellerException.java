package io.counterline.caller.teller;

import io.counterline.protocol.ErrorInfo;

/**
 * A teller action that failed: refused by the server (its {@code ErrorInfo}) or by the caller
 * itself (offline, no answer, busy), always with words for the teller in both languages.
 */
public final class TellerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ErrorInfo error;

    public TellerException(ErrorInfo error) {
        super(error.code() + ": " + error.message());
        this.error = error;
    }

    public ErrorInfo error() {
        return error;
    }
}
