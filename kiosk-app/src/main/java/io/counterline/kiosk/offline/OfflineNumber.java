package io.counterline.kiosk.offline;

/**
 * A number taken from a leased block, already marked used.
 *
 * @param sequence the number within its service, e.g. 12
 */
public record OfflineNumber(String service, String prefix, String businessDay, int sequence) {

    /** As printed: prefix and at least three digits, e.g. "A012" (the protocol's prefix + %03d). */
    public String number() {
        return prefix + String.format("%03d", sequence);
    }
}
