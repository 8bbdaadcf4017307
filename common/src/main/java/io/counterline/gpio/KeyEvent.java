package io.counterline.gpio;

/**
 * What a {@link Debouncer} makes of one key's raw levels.
 *
 * <p>Order within one press: {@code PRESSED}, then at most {@code LONG_PRESS} and/or
 * {@code STUCK} while held, then on release either {@code SHORT_PRESS} followed by
 * {@code RELEASED} (released before the long-press threshold) or just {@code RELEASED}.
 */
public enum KeyEvent {
    /** The key went down and stayed down for the debounce window. */
    PRESSED,
    /** The key was released before the long-press threshold: a click. Comes just before {@link #RELEASED}. */
    SHORT_PRESS,
    /** The key has been held for the long-press threshold; reported once per press, while still held. */
    LONG_PRESS,
    /** The key has been held for the stuck threshold; reported once, then nothing until it is released. */
    STUCK,
    /** The key went up after a {@link #PRESSED} or {@link #STUCK}, and stayed up for the debounce window. */
    RELEASED
}
