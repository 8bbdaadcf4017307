package io.counterline.protocol;

/**
 * The one form of a ticket id, used by the server and by a kiosk issuing offline alike:
 * {@code <branch>-<yyyyMMdd>-<number>}, e.g. {@code b001-20261122-A012}. ASCII only, so it fits
 * any QR code; unique because a number is never issued twice in a business day.
 */
public final class TicketIds {
    private TicketIds() {
    }

    /** @param businessDay ISO date, e.g. "2026-11-22" */
    public static String of(String branch, String businessDay, String number) {
        return Ids.require("branch id", branch) + "-" + businessDay.replace("-", "") + "-" + number;
    }
}
