package io.counterline.pad.rating;

import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.RatingLevel;

/**
 * What the pad shows, as one immutable snapshot; only {@link RatingController} makes new ones.
 *
 * @param arm            the transaction being rated: set while {@code ARMED} and {@code THANKS}, else null
 * @param given          the level just given: set while {@code THANKS}, else null
 * @param unarmedPresses keys pressed while nothing was armed, since the last arm
 */
public record PadState(Phase phase, RatingArm arm, RatingLevel given, int unarmedPresses) {

    public enum Phase {
        /** Nothing to rate: LEDs dark, presses ignored. */
        IDLE,
        /** A completed transaction may be rated: LEDs invite, one press counts. */
        ARMED,
        /** Just rated: the chosen LED and the thank-you, for {@code thanks-for}. */
        THANKS
    }

    public static final PadState STARTING = new PadState(Phase.IDLE, null, null, 0);

    PadState idle() {
        return new PadState(Phase.IDLE, null, null, unarmedPresses);
    }

    PadState armed(RatingArm newArm) {
        return new PadState(Phase.ARMED, newArm, null, 0);
    }

    PadState thanks(RatingLevel level) {
        return new PadState(Phase.THANKS, arm, level, unarmedPresses);
    }

    PadState pressedUnarmed() {
        return new PadState(phase, arm, given, unarmedPresses + 1);
    }
}
