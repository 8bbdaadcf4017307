package io.counterline.demo.people;

import io.counterline.kiosk.printer.Slip;
import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.RatingLevel;

/**
 * What the simulated people did, told as it happens: the headless demo prints it for a person
 * to read, a device process prints it one fact a line for a test to read.
 *
 * <p>Called on the people's own threads (a pad's rater on the pad's controller thread), several
 * at once: implementations are thread-safe and return at once.
 */
public interface DayLog {

    /** A customer took this slip from the kiosk; {@code slip.offline()} says whether it came from a leased block. */
    void ticketPrinted(String kiosk, Slip slip);

    /** A customer pressed {@code service} and got no slip, for the reason given in plain words. */
    void noTicket(String kiosk, String service, String why);

    void signedIn(String counter, String teller);

    void called(String counter, String number);

    void serving(String counter, String number);

    void completed(String counter, String number);

    void noShow(String counter, String number);

    /** The customer rated the transaction {@code arm} stands for; the pad committed it to its outbox. */
    void rated(String pad, RatingArm arm, RatingLevel level);
}
