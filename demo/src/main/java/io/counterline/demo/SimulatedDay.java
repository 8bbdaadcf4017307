package io.counterline.demo;

import io.counterline.demo.people.DayLog;
import io.counterline.demo.people.SimulatedCustomers;
import io.counterline.demo.people.SimulatedRater;
import io.counterline.demo.people.SimulatedTeller;
import io.counterline.kiosk.printer.Slip;
import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.RatingLevel;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated customers and tellers for a branch without a screen, at a pace a person can follow:
 * customers take tickets at the kiosk, tellers call, serve and complete, customers rate; what
 * happens is printed. The people act through the same controllers the screens and buttons use.
 */
final class SimulatedDay implements DayLog, AutoCloseable {
    private static final List<String> SERVICES = List.of("A", "A", "A", "B");
    private static final Duration CUSTOMER_EVERY = Duration.ofMillis(1500);
    private static final Duration TELLER_EVERY = Duration.ofMillis(700);
    private static final Duration RATER_THINKS = Duration.ofMillis(700);
    private static final Duration SIGN_IN_WAIT = Duration.ofSeconds(10);

    private final DemoBranch branch;
    private final PrintStream out;
    private final int customers;
    private final Random random = new Random();
    private final Deque<AutoCloseable> people = new ArrayDeque<>();
    private final AtomicInteger rated = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);

    /** @param customers how many customers come and are served; 0 means until stopped */
    SimulatedDay(DemoBranch branch, PrintStream out, int customers) {
        this.branch = branch;
        this.out = out;
        this.customers = customers;
    }

    void start() throws InterruptedException {
        for (int i = 0; i < branch.counters().size(); i++) {
            DemoBranch.Counter c = branch.counters().get(i);
            SimulatedTeller teller = keep(new SimulatedTeller(c.caller().controller(), c.id(), String.format("t%02d", i + 1),
                    "1234", TELLER_EVERY, 0, random, this));
            teller.signIn(SIGN_IN_WAIT);
            teller.start();
            keep(new SimulatedRater(c.pad(), RATER_THINKS, random, this)).start();
        }
        branch.hall().board().onNewCall(call -> out.printf("[hall] 请 %s 号到 %s%n", call.number(), call.counterNameZh()));
        keep(new SimulatedCustomers(branch.kiosk(), "kiosk-1", SERVICES, customers, CUSTOMER_EVERY, random, this))
                .start();
    }

    /** Waits until the planned customers have been served and have rated, or {@code seconds} pass. */
    boolean awaitDone(long seconds) throws InterruptedException {
        return done.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void ticketPrinted(String kiosk, Slip slip) {
        out.printf("[kiosk] %s printed for %s · %d ahead · about %d min%s%n", slip.number(), slip.serviceNameEn(),
                slip.peopleAhead(), slip.estimatedWaitMinutes(), slip.offline() ? " · OFFLINE" : "");
    }

    @Override
    public void noTicket(String kiosk, String service, String why) {
        out.printf("[kiosk] no ticket for %s: %s%n", service, why);
    }

    @Override
    public void signedIn(String counter, String teller) {
        out.printf("[%s] teller %s signed in%n", counter, teller);
    }

    @Override
    public void called(String counter, String number) {
        out.printf("[%s] calls %s%n", counter, number);
    }

    @Override
    public void serving(String counter, String number) {
        out.printf("[%s] serving %s%n", counter, number);
    }

    @Override
    public void completed(String counter, String number) {
        out.printf("[%s] completed %s%n", counter, number);
    }

    @Override
    public void noShow(String counter, String number) {
        out.printf("[%s] %s did not come%n", counter, number);
    }

    @Override
    public void rated(String pad, RatingArm arm, RatingLevel level) {
        out.printf("[%s] customer of %s rates: %s%n", pad, arm.ticket().number(), level.label());
        if (customers > 0 && rated.incrementAndGet() >= customers) {
            done.countDown();
        }
    }

    private <T extends AutoCloseable> T keep(T person) {
        people.push(person);
        return person;
    }

    @Override
    public void close() {
        while (!people.isEmpty()) {
            try {
                people.pop().close();
            } catch (Exception e) {
                out.printf("stopping: %s%n", e.getMessage());
            }
        }
    }
}
