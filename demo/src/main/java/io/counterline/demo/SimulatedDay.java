package io.counterline.demo;

import io.counterline.caller.teller.CounterView;
import io.counterline.caller.teller.TellerController;
import io.counterline.kiosk.ticket.TicketOutcome;
import io.counterline.pad.rating.PadState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.RatingLevel;
import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated customers and tellers for a branch without a screen: customers take tickets at the
 * kiosk, tellers call, serve and complete, customers rate; what happens is printed. The people
 * act through the same controllers the screens and buttons use.
 */
final class SimulatedDay implements AutoCloseable {
    private static final List<String> SERVICES = List.of("A", "A", "A", "B");

    private final DemoBranch branch;
    private final PrintStream out;
    private final int customers;
    private final Random random = new Random();
    private final ScheduledExecutorService people = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-people");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger rated = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);

    /** @param customers how many customers come and are served; 0 means until stopped */
    SimulatedDay(DemoBranch branch, PrintStream out, int customers) {
        this.branch = branch;
        this.out = out;
        this.customers = customers;
    }

    void start() throws Exception {
        for (int i = 0; i < branch.counters().size(); i++) {
            DemoBranch.Counter c = branch.counters().get(i);
            c.caller().controller().signIn(String.format("t%02d", i + 1), "1234").get(10, TimeUnit.SECONDS);
            out.printf("[%s] teller t%02d signed in%n", c.id(), i + 1);
        }
        branch.hall().board().onNewCall(call -> out.printf("[hall] 请 %s 号到 %s%n", call.number(), call.counterNameZh()));
        people.scheduleWithFixedDelay(this::customerArrives, 0, 1500, TimeUnit.MILLISECONDS);
        people.scheduleWithFixedDelay(this::tellersAndRatings, 500, 700, TimeUnit.MILLISECONDS);
    }

    /** Waits until the planned customers have been served and have rated, or {@code seconds} pass. */
    boolean awaitDone(long seconds) throws InterruptedException {
        return done.await(seconds, TimeUnit.SECONDS);
    }

    int rated() {
        return rated.get();
    }

    private void customerArrives() {
        if (customers > 0 && arrived.get() >= customers) {
            return;
        }
        String service = SERVICES.get(random.nextInt(SERVICES.size()));
        try {
            TicketOutcome outcome = branch.kiosk().press(service).get(10, TimeUnit.SECONDS);
            if (outcome instanceof TicketOutcome.Printed p) {
                arrived.incrementAndGet();
                out.printf("[kiosk] %s printed for %s · %d ahead · about %d min%s%n", p.slip().number(),
                        p.slip().serviceNameEn(), p.slip().peopleAhead(), p.slip().estimatedWaitMinutes(),
                        p.slip().offline() ? " · OFFLINE" : "");
            } else {
                out.printf("[kiosk] no ticket for %s: %s%n", service, outcome);
            }
        } catch (Exception e) {
            out.printf("[kiosk] press failed: %s%n", e.getMessage());
        }
    }

    private void tellersAndRatings() {
        for (DemoBranch.Counter c : branch.counters()) {
            PadState pad = c.pad().state();
            if (pad.phase() == PadState.Phase.ARMED) {
                RatingLevel level = RatingLevel.values()[random.nextInt(3)];
                c.pad().press(level);
                rated.incrementAndGet();
                out.printf("[%s] customer of %s rates: %s%n", c.pad().runtime().settings().id(),
                        pad.arm().ticket().number(), level.label());
                continue;
            }
            act(c);
        }
        if (customers > 0 && rated.get() >= customers) {
            done.countDown();
        }
    }

    private void act(DemoBranch.Counter c) {
        TellerController teller = c.caller().controller();
        CounterView view = teller.view();
        try {
            if (view.status() == CounterStatus.CALLING) {
                teller.start().get(10, TimeUnit.SECONDS);
                out.printf("[%s] serving %s%n", c.id(), view.ticket().number());
            } else if (view.status() == CounterStatus.SERVING && random.nextInt(3) == 0) {
                teller.complete().get(10, TimeUnit.SECONDS);
                out.printf("[%s] completed %s%n", c.id(), view.ticket().number());
            } else if (view.status() == CounterStatus.IDLE) {
                var reply = teller.callNext().get(10, TimeUnit.SECONDS);
                if (reply.counter().ticket() != null) {
                    out.printf("[%s] calls %s%n", c.id(), reply.counter().ticket().number());
                }
            }
        } catch (Exception e) {
            // "Nobody is waiting" and the like: the teller simply tries again later.
        }
    }

    @Override
    public void close() {
        people.shutdownNow();
    }
}
