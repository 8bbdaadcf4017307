package io.counterline.demo.bench;

import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable {@code ticket.issue} operations per second with {@code n} kiosks in a closed loop: each
 * kiosk's device runtime asks again as soon as its answer arrives (the server answers only after
 * its group commit, synchronous=FULL). Runs for a warm-up, then counts the answers that arrive
 * in the measuring window. Each kiosk cycles through the bulk services so none runs out of numbers.
 */
final class TicketThroughput {
    private TicketThroughput() {
    }

    /** Answers per second over the window; every answer must be a ticket. */
    static double measure(List<DeviceRuntime> kiosks, Duration warmup, Duration window) throws BenchException {
        long start = System.nanoTime();
        long from = start + warmup.toNanos();
        long until = from + window.toNanos();
        AtomicLong counted = new AtomicLong();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int k = 0; k < kiosks.size(); k++) {
            Loop loop = new Loop(kiosks.get(k), k, from, until, counted);
            loop.next();
            loops.add(loop.done);
        }
        Await.get(CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)), "closed loops to finish");
        return counted.get() / (window.toNanos() / 1e9);
    }

    /** One kiosk asking again on each answer, until {@code until}. Runs on the kiosk's bus dispatch thread. */
    private static final class Loop {
        private final DeviceRuntime kiosk;
        private final long from;
        private final long until;
        private final AtomicLong counted;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private int service;

        Loop(DeviceRuntime kiosk, int first, long from, long until, AtomicLong counted) {
            this.kiosk = kiosk;
            this.service = first;
            this.from = from;
            this.until = until;
            this.counted = counted;
        }

        void next() {
            if (System.nanoTime() >= until) {
                done.complete(null);
                return;
            }
            String s = BenchBranch.BULK_SERVICES.get(service++ % BenchBranch.BULK_SERVICES.size());
            kiosk.request(Operation.TICKET_ISSUE, new Bodies.IssueTicket(s)).whenComplete((answer, error) -> {
                if (error != null || !answer.ok()) {
                    done.completeExceptionally(new BenchException(kiosk.settings().id() + ": ticket.issue failed: "
                            + (error != null ? error : answer.error())));
                    return;
                }
                long now = System.nanoTime();
                if (now >= from && now < until) {
                    counted.incrementAndGet();
                }
                next();
            });
        }
    }
}
