package io.counterline.kiosk.printer;

import io.counterline.protocol.Health;
import java.util.Objects;

/**
 * The printer's condition as last read or observed, with a reason a technician can act on.
 *
 * @param condition what state the printer is in
 * @param reason    short, human-readable ("paper out - load a new roll"); empty when ready
 */
public record PrinterStatus(Condition condition, String reason) {

    /** From best to worst for the customer; only the first two can print. */
    public enum Condition {
        READY, PAPER_NEAR_END, PAPER_OUT, COVER_OPEN, ERROR, OFFLINE, NO_ANSWER
    }

    public static final PrinterStatus READY = new PrinterStatus(Condition.READY, "");

    public PrinterStatus {
        Objects.requireNonNull(condition, "condition");
        reason = reason == null ? "" : reason;
    }

    public static PrinterStatus paperNearEnd() {
        return new PrinterStatus(Condition.PAPER_NEAR_END, "paper near end - change the roll soon");
    }

    public static PrinterStatus paperOut() {
        return new PrinterStatus(Condition.PAPER_OUT, "paper out - load a new roll");
    }

    public static PrinterStatus coverOpen() {
        return new PrinterStatus(Condition.COVER_OPEN, "cover open - close the printer cover");
    }

    public static PrinterStatus error(String reason) {
        return new PrinterStatus(Condition.ERROR, reason);
    }

    public static PrinterStatus offline(String reason) {
        return new PrinterStatus(Condition.OFFLINE, reason);
    }

    public static PrinterStatus noAnswer() {
        return new PrinterStatus(Condition.NO_ANSWER, "printer does not answer - check power and cable");
    }

    /** Whether a slip can be printed now. */
    public boolean canPrint() {
        return condition == Condition.READY || condition == Condition.PAPER_NEAR_END;
    }

    /**
     * As device health: near end is degraded, anything that stops printing is offline. The reason
     * is the status's own: the device's health names the part ("printer: paper out - …").
     */
    public Health health() {
        return switch (condition) {
            case READY -> Health.OK;
            case PAPER_NEAR_END -> Health.degraded(reason);
            default -> Health.offline(reason);
        };
    }
}
