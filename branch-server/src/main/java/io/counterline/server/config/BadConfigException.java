package io.counterline.server.config;

/**
 * A value of the configuration cannot be used; the message starts with the full key path
 * ({@code services[2].prefix must be …}), which {@code ConfigFile} turns into file and line.
 */
public final class BadConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadConfigException(String message) {
        super(message);
    }

    public BadConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
