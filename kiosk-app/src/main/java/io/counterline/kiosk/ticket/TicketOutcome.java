package io.counterline.kiosk.ticket;

import io.counterline.kiosk.printer.Slip;

/** What became of one press of a service button. */
public sealed interface TicketOutcome {

    /** The slip came out; {@code slip.offline()} says whether it came from a leased block. */
    record Printed(Slip slip) implements TicketOutcome {
    }

    /** A ticket was issued but its slip failed; the kiosk recorded {@code slip.failed}, so it is void. */
    record PrintFailed(Slip slip, String reason) implements TicketOutcome {
    }

    /**
     * No ticket: the service is closed or unavailable, the printer cannot print, the server said
     * no, or a ticket is already being issued.
     *
     * @param code stable, e.g. {@link #BUSY} or the server's error code
     */
    record Refused(String code, String messageZh, String messageEn) implements TicketOutcome {
    }

    String BUSY = "BUSY";
    String UNKNOWN_SERVICE = "UNKNOWN_SERVICE";
    String SERVICE_CLOSED = "SERVICE_CLOSED";
    String PRINTER_UNAVAILABLE = "PRINTER_UNAVAILABLE";
    String NO_OFFLINE_NUMBERS = "NO_OFFLINE_NUMBERS";
    String KIOSK_ERROR = "KIOSK_ERROR";
}
