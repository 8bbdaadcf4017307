package io.counterline.server.config;

/** The configuration cannot be used; the message names the key and what is wrong with it. */
public final class BadConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadConfigException(String message) {
        super(message);
    }

    public BadConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
