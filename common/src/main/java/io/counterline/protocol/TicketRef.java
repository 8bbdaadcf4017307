package io.counterline.protocol;

import java.time.Instant;

/** A ticket as devices show it: id (for QR and events), number as printed ("A012"), service. */
public record TicketRef(String id, String number, String service, Instant issuedAt) {
    public TicketRef {
        Check.text(id, "ticket.id", 64);
        Check.text(number, "ticket.number", 8);
        Check.id(service, "ticket.service");
        Check.present(issuedAt, "ticket.issuedAt");
    }
}
