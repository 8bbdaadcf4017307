package io.counterline.caller.display;

import java.util.Objects;

/**
 * What the counter display should show, decided by the caller's model and drawn by
 * {@link DisplayFeed}: a called number, "暂停服务", or the idle text.
 *
 * @param number the called ticket number ("A012"); empty unless {@code kind} is {@link Kind#CALL}
 */
public record DisplayContent(Kind kind, String number) {

    public enum Kind { CALL, PAUSED, IDLE }

    public static final DisplayContent PAUSED = new DisplayContent(Kind.PAUSED, "");
    public static final DisplayContent IDLE = new DisplayContent(Kind.IDLE, "");

    public DisplayContent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
    }

    public static DisplayContent call(String number) {
        return new DisplayContent(Kind.CALL, number);
    }

    /** The words a text board shows for this content, for the teller's screen. */
    public String text(String idleText) {
        return switch (kind) {
            case CALL -> DisplayTexts.call(number);
            case PAUSED -> DisplayTexts.PAUSED;
            case IDLE -> idleText;
        };
    }
}
