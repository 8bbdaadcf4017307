package io.counterline.kiosk.admin;

import io.counterline.config.PinHash;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks PINs typed on the admin pad, locking the pad for a while after repeated wrong ones so
 * that nobody can try all 4-digit PINs at a public kiosk. Used from the JavaFX thread only.
 */
public final class PinCheck {
    static final int ATTEMPTS = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(5);

    /** What became of one attempt. */
    public enum Result { OK, WRONG, LOCKED }

    private final PinHash pin;
    private final Clock clock;
    private int wrong;
    private Instant lockedUntil = Instant.MIN;

    public PinCheck(PinHash pin, Clock clock) {
        this.pin = pin;
        this.clock = clock;
    }

    public Result check(String typed) {
        if (clock.instant().isBefore(lockedUntil)) {
            return Result.LOCKED;
        }
        if (pin.matches(typed)) {
            wrong = 0;
            return Result.OK;
        }
        if (++wrong >= ATTEMPTS) {
            wrong = 0;
            lockedUntil = clock.instant().plus(LOCKOUT);
            return Result.LOCKED;
        }
        return Result.WRONG;
    }
}
