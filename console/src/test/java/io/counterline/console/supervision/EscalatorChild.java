package io.counterline.console.supervision;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A separate JVM for {@link EscalatorKillTest}: opens {@code console.db}, looks once at
 * {@code instant} and, after telling {@code stopAfter} notices on standard output, blocks inside
 * the look (between one stored notice and the next) until it is killed.
 */
public final class EscalatorChild {
    private EscalatorChild() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Clock clock = Clock.fixed(Instant.parse(args[1]), SupervisionFixture.ZONE);
        int stopAfter = Integer.parseInt(args[2]);
        SupervisionStore store = SupervisionStore.open(db);
        Escalator escalator = new Escalator(store, SupervisionFixture.ZONE, clock);
        AtomicInteger told = new AtomicInteger();
        escalator.onNotice(n -> {
            System.out.println("raised " + n.key());
            System.out.flush();
            if (told.incrementAndGet() == stopAfter) {
                System.out.println("waiting");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE); // parked here until SIGKILL: not synchronisation
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        escalator.tick();
        System.out.println("done");
    }
}
