package io.counterline.protocol;

import io.counterline.protocol.Rejection.Reason;

/** An enum whose JSON form is a fixed wire name such as {@code "slip.printed"}. */
public interface WireName {
    String wire();

    /** The constant whose wire name is {@code value}; a bad value is a {@code BAD_ENUM} rejection. */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(value)) {
                return e;
            }
        }
        throw new InvalidMessageException(Reason.BAD_ENUM,
                "'" + value + "' is not a known " + type.getSimpleName());
    }
}
