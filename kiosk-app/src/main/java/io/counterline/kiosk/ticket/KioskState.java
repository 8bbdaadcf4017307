package io.counterline.kiosk.ticket;

import io.counterline.kiosk.printer.PrinterStatus;
import io.counterline.protocol.ServicesState.Service;
import java.util.List;
import java.util.Optional;

/**
 * The kiosk's model as the screen shows it; a new immutable value after every controller action.
 *
 * @param branchName      from {@code state/day}, empty until known
 * @param services        every service of {@code state/services}, in its order
 * @param connected       the broker connection is up
 * @param serverReachable the server answered the last request in time
 * @param issuing         a press is being handled (waiting for the server or the printer)
 * @param outcome         the last press's outcome while its confirmation is shown
 */
public record KioskState(Language language, String branchName, List<Tile> services, boolean connected,
                         boolean serverReachable, PrinterStatus printer, boolean issuing,
                         Optional<TicketOutcome> outcome) {

    /**
     * One service button.
     *
     * @param offlineNumbersLeft numbers left in this business day's leased blocks
     * @param available          a touch would give a ticket: open, the printer can print, and
     *                           the server is reachable or numbers are left
     */
    public record Tile(Service service, int offlineNumbersLeft, boolean available) {
    }

    public KioskState {
        services = List.copyOf(services);
    }

    /** Tickets come from the server (true) or from leased blocks (false). */
    public boolean online() {
        return connected && serverReachable;
    }

    public Optional<Tile> tile(String serviceId) {
        return services.stream().filter(t -> t.service().id().equals(serviceId)).findFirst();
    }
}
