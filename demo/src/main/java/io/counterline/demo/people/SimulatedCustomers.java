package io.counterline.demo.people;

import io.counterline.kiosk.KioskNode;
import io.counterline.kiosk.ticket.TicketOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Customers arriving at a kiosk, one every {@code every}, each pressing one of the given
 * services as a touch or a button would ({@link KioskNode#press}). A customer who gets no slip
 * (service closed, no offline numbers, …) is not counted; the next one tries again.
 *
 * <p>Acts on its own thread, {@value #THREAD}.
 */
public final class SimulatedCustomers implements AutoCloseable {
    public static final String THREAD = "simulated-customers";
    /** Far longer than a press takes: the kiosk answers offline after its request timeout. */
    private static final long PRESS_WAIT_SECONDS = 10;

    private final KioskNode kiosk;
    private final String kioskId;
    private final List<String> services;
    private final int customers;
    private final Duration every;
    private final Random random;
    private final DayLog log;
    private final AtomicInteger printed = new AtomicInteger();
    private final CompletableFuture<Integer> allPrinted = new CompletableFuture<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, THREAD);
        t.setDaemon(true);
        return t;
    });

    /**
     * @param services  the services customers ask for, picked at random (repeat one to make it commoner)
     * @param customers how many slips are taken before the customers stop coming; 0 means until closed
     */
    public SimulatedCustomers(KioskNode kiosk, String kioskId, List<String> services, int customers, Duration every,
                              Random random, DayLog log) {
        if (services.isEmpty() || customers < 0) {
            throw new IllegalArgumentException("customers need services and a count of 0 or more");
        }
        this.kiosk = kiosk;
        this.kioskId = kioskId;
        this.services = List.copyOf(services);
        this.customers = customers;
        this.every = every;
        this.random = random;
        this.log = log;
    }

    /** The first customer comes at once. */
    public void start() {
        thread.scheduleWithFixedDelay(this::arrive, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Slips taken so far. */
    public int printed() {
        return printed.get();
    }

    /** Completes with the count once {@code customers} slips were taken; never when they are unlimited. */
    public CompletableFuture<Integer> allPrinted() {
        return allPrinted;
    }

    private void arrive() {
        if (allPrinted.isDone()) {
            return;
        }
        String service = services.get(random.nextInt(services.size()));
        try {
            TicketOutcome outcome = kiosk.press(service).get(PRESS_WAIT_SECONDS, TimeUnit.SECONDS);
            if (outcome instanceof TicketOutcome.Printed p) {
                log.ticketPrinted(kioskId, p.slip());
                if (printed.incrementAndGet() == customers) {
                    allPrinted.complete(customers);
                }
            } else {
                log.noTicket(kioskId, service, outcome.toString());
            }
        } catch (ExecutionException | TimeoutException e) {
            log.noTicket(kioskId, service, "press failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
