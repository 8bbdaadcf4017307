package io.counterline.demo.bench;

/** A benchmark step that could not be carried out; the message says which and why. */
final class BenchException extends Exception {
    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
