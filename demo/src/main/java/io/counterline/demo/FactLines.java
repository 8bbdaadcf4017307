package io.counterline.demo;

import io.counterline.demo.people.DayLog;
import io.counterline.kiosk.printer.Slip;
import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.RatingLevel;
import java.io.PrintStream;

/**
 * What a {@link DeviceProcess} saw, one fact a line, words separated by single spaces, written
 * and flushed at once so that a test reading the output meanwhile sees every fact that
 * happened: a process killed right after a fact has already told it.
 *
 * <pre>
 * READY                                       the device is connected to the broker
 * TICKET ticketId number online|offline       a slip was printed
 * NO_TICKET service why…                      a customer got no slip
 * DONE count                                  the kiosk's customers all have their slips
 * SIGNED_IN counter teller
 * CALLED number counter
 * SERVING number counter
 * COMPLETED number counter
 * NO_SHOW number counter
 * RATED ticketId level counter teller         the pad committed the rating (level as on the wire)
 * HALL number counter                         the hall display showed a new call
 * </pre>
 */
final class FactLines implements DayLog {
    private final PrintStream out;

    FactLines(PrintStream out) {
        this.out = out;
    }

    /** One write per line, so that a reader never sees half a fact unless the process died writing it. */
    synchronized void fact(String... words) {
        out.print(String.join(" ", words) + "\n");
        out.flush();
    }

    @Override
    public void ticketPrinted(String kiosk, Slip slip) {
        fact("TICKET", slip.ticketId(), slip.number(), slip.offline() ? "offline" : "online");
    }

    @Override
    public void noTicket(String kiosk, String service, String why) {
        fact("NO_TICKET", service, why.replaceAll("\\s+", " "));
    }

    @Override
    public void signedIn(String counter, String teller) {
        fact("SIGNED_IN", counter, teller);
    }

    @Override
    public void called(String counter, String number) {
        fact("CALLED", number, counter);
    }

    @Override
    public void serving(String counter, String number) {
        fact("SERVING", number, counter);
    }

    @Override
    public void completed(String counter, String number) {
        fact("COMPLETED", number, counter);
    }

    @Override
    public void noShow(String counter, String number) {
        fact("NO_SHOW", number, counter);
    }

    @Override
    public void rated(String pad, RatingArm arm, RatingLevel level) {
        fact("RATED", arm.ticket().id(), level.wire(), arm.counter(), arm.teller().id());
    }
}
