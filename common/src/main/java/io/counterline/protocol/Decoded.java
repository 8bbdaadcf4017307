package io.counterline.protocol;

import java.util.function.Consumer;

/** The outcome of decoding a payload: the message, or why it was refused. Never both. */
public sealed interface Decoded<T> {

    record Accepted<T>(T message) implements Decoded<T> {
    }

    record Rejected<T>(Rejection rejection) implements Decoded<T> {
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /** The message; throws {@link IllegalStateException} naming the rejection otherwise. */
    default T orThrow() {
        if (this instanceof Accepted<T> a) {
            return a.message();
        }
        throw new IllegalStateException("rejected: " + ((Rejected<T>) this).rejection());
    }

    default void ifAccepted(Consumer<? super T> onAccepted, Consumer<Rejection> onRejected) {
        if (this instanceof Accepted<T> a) {
            onAccepted.accept(a.message());
        } else {
            onRejected.accept(((Rejected<T>) this).rejection());
        }
    }
}
