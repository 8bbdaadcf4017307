package io.counterline.server.queue;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Request;
import io.counterline.server.config.BranchConfig;
import java.util.function.Function;
import io.counterline.server.config.TellerRoster;
import io.counterline.server.config.TellerConfig;
import io.counterline.server.store.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Checks a sign-in's PIN on its own thread ("pin-check") before the request enters the engine:
 * a PIN hash costs milliseconds on purpose, and a burst of wrong PINs must not hold up tickets
 * and calls behind it on the single engine thread. Lockouts ({@link PinThrottle}) are decided
 * here too, so a locked teller or counter costs no hashing at all.
 */
final class PinCheck implements AutoCloseable {

    /** Whether {@code pin} is the teller's: the slow part. */
    @FunctionalInterface
    interface Verifier {
        boolean matches(TellerConfig teller, String pin);

        Verifier CONFIGURED = (teller, pin) -> teller.pin().matches(pin);
    }

    /** What the check found, for the engine to apply. */
    sealed interface Verdict {
        /** Nothing to say (not a sign-in the engine will accept): the engine refuses it on its own. */
        record NotChecked() implements Verdict {
        }

        record Right(List<Rows.LockoutRow> cleared) implements Verdict {
        }

        record Wrong(List<Rows.LockoutRow> counted) implements Verdict {
        }

        record Locked(Instant until) implements Verdict {
        }
    }

    /** The device by id: the branch file's, or a counter's added in the console (answers from memory). */
    private final Function<String, Optional<BranchConfig.Device>> devices;
    private final TellerRoster roster;
    private final PinThrottle throttle;
    private final Verifier verifier;
    private final Clock clock;
    private final MessageCodec codec = new MessageCodec();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pin-check");
        t.setDaemon(true);
        return t;
    });

    PinCheck(Function<String, Optional<BranchConfig.Device>> devices, TellerRoster roster, PinThrottle throttle, Verifier verifier, Clock clock) {
        this.devices = devices;
        this.roster = roster;
        this.throttle = throttle;
        this.verifier = verifier;
        this.clock = clock;
    }

    CompletableFuture<Verdict> check(String device, Request request) {
        return CompletableFuture.supplyAsync(() -> verdict(device, request), executor);
    }

    Verdict verdict(String device, Request request) {
        Optional<BranchConfig.Device> d = devices.apply(device);
        if (d.isEmpty() || d.get().role() != DeviceRole.COUNTER_CALLER || d.get().counter().isEmpty()) {
            return new Verdict.NotChecked();
        }
        Decoded<Bodies.SignIn> args = codec.decodeBody(request.args(), Bodies.SignIn.class);
        if (!(args instanceof Decoded.Accepted<Bodies.SignIn> a)) {
            return new Verdict.NotChecked();
        }
        Optional<TellerConfig> teller = roster.teller(a.message().teller());
        if (teller.isEmpty()) {
            return new Verdict.NotChecked();
        }
        String[] subjects = {PinThrottle.teller(teller.get().id()), PinThrottle.counter(d.get().counter().get())};
        Instant now = clock.instant();
        Optional<Instant> locked = throttle.lockedUntil(now, subjects);
        if (locked.isPresent()) {
            return new Verdict.Locked(locked.get());
        }
        if (verifier.matches(teller.get(), a.message().pin())) {
            return new Verdict.Right(throttle.succeeded(subjects));
        }
        return new Verdict.Wrong(throttle.failed(now, subjects));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
