package io.counterline.kiosk.printer;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What goes on one queue slip. Texts are printed as given after {@link SlipText#sanitise}; the
 * ticket id goes into the QR code and must be printable ASCII, so that every reader (a
 * phone, a scanner at the counter) decodes it the same way.
 *
 * @param branchName           branch name as configured, e.g. "中关村支行"
 * @param serviceNameZh        service name in Chinese, printed first
 * @param serviceNameEn        service name in English
 * @param number               the number the customer waits for, e.g. "A012"
 * @param peopleAhead          tickets waiting ahead of this one, 0 or more
 * @param estimatedWaitMinutes estimated wait in minutes, 0 or more
 * @param issuedAt             when the ticket was issued, printed in its own zone as
 *                             "yyyy-MM-dd HH:mm"
 * @param ticketId             the ticket's id, printable ASCII, encoded in the QR code
 * @param offline              issued while the branch server was unreachable: the slip says so
 * @param footer               footer lines from configuration, possibly empty
 */
public record Slip(String branchName, String serviceNameZh, String serviceNameEn, String number,
                   int peopleAhead, int estimatedWaitMinutes, ZonedDateTime issuedAt,
                   String ticketId, boolean offline, List<String> footer) {

    public Slip {
        Objects.requireNonNull(branchName, "branchName");
        Objects.requireNonNull(serviceNameZh, "serviceNameZh");
        Objects.requireNonNull(serviceNameEn, "serviceNameEn");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("number is empty");
        }
        if (peopleAhead < 0) {
            throw new IllegalArgumentException("peopleAhead is negative: " + peopleAhead);
        }
        if (estimatedWaitMinutes < 0) {
            throw new IllegalArgumentException(
                    "estimatedWaitMinutes is negative: " + estimatedWaitMinutes);
        }
        if (ticketId == null || ticketId.isEmpty() || !ticketId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("ticketId must be printable ASCII without spaces "
                    + "(it goes into the QR code): '" + ticketId + "'");
        }
        footer = List.copyOf(Objects.requireNonNull(footer, "footer"));
    }
}
