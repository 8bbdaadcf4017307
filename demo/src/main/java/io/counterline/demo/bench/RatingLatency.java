package io.counterline.demo.bench;

import com.typesafe.config.ConfigFactory;
import io.counterline.device.DeviceRuntime;
import io.counterline.pad.PadNode;
import io.counterline.pad.PadSettings;
import io.counterline.pad.keys.SimulatedRatingKeys;
import io.counterline.pad.rating.PadState;
import io.counterline.pad.voice.PadVoice;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Operation;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Topics;
import io.counterline.server.BranchServer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rating key → feedback, on a real {@link PadNode} (pad-1 at counter c1, simulated keys and LEDs)
 * armed by a real completed transaction: a ticket of service B issued, called and completed by
 * caller-1, whose completion makes the server send {@code rating.arm}. Then the key is pressed
 * and two times are taken: until the chosen LED alone is lit (the pad commits the rating to its
 * outbox first, synchronous=FULL), and until the server's ack for the rating event passes the
 * broker (the server has committed it). The ack is observed on the server's own connection, the
 * only client the access rules let read another device's acks.
 */
final class RatingLatency {
    static final String SERVICE = "B";

    /** The two paths measured. */
    record Result(Samples led, Samples committed) {
    }

    private RatingLatency() {
    }

    static Result measure(BenchBranch branch, BranchServer server, Plan plan) throws Exception {
        PadSettings settings = PadSettings.from(ConfigFactory.parseString(
                "counter = c1\nkeys { type = simulated }"));
        AtomicReference<Round> round = new AtomicReference<>();
        server.bus().subscribe(Topics.of(BenchBranch.BRANCH).acks("pad-1"), (topic, payload) -> {
            Round r = round.get();
            if (r != null) {
                r.acked.complete(System.nanoTime());
            }
        });
        SimulatedRatingKeys keys = new SimulatedRatingKeys(settings.thanksFor());
        keys.setLedListener(lit -> {
            Round r = round.get();
            if (r != null && lit.equals(Set.of(r.level))) {
                r.lit.complete(System.nanoTime());
            }
        });
        try (DeviceRuntime kiosk = branch.runtime(BenchBranch.kiosk(3), DeviceRole.KIOSK);
             DeviceRuntime caller = branch.runtime("caller-1", DeviceRole.COUNTER_CALLER);
             DeviceRuntime padRuntime = branch.runtime("pad-1", DeviceRole.RATING_PAD);
             PadNode pad = PadNode.start(settings, padRuntime, keys, PadVoice.none())) {
            pad.controller().onChange(state -> {
                Round r = round.get();
                if (r != null && state.phase() == PadState.Phase.ARMED
                        && state.arm().ticket().number().equals(r.number)) {
                    r.armed.complete(null);
                }
            });
            Await.get(Connections.up(kiosk), "kiosk-3 connection");
            Await.get(Connections.up(caller), "caller-1 connection");
            Await.get(Connections.up(padRuntime), "pad-1 connection");
            Teller.signIn(caller, "t01");
            RatingLevel[] levels = RatingLevel.values();
            for (int i = 0; i < plan.warmup(); i++) {
                rateOnce(kiosk, caller, pad, round, levels[i % levels.length]);
            }
            Result result = new Result(new Samples(plan.samples()), new Samples(plan.samples()));
            for (int i = 0; i < plan.samples(); i++) {
                long[] t = rateOnce(kiosk, caller, pad, round, levels[i % levels.length]);
                result.led.add(t[0]);
                result.committed.add(t[1]);
            }
            return result;
        }
    }

    private record Round(String number, RatingLevel level, CompletableFuture<Void> armed,
                         CompletableFuture<Long> lit, CompletableFuture<Long> acked) {
    }

    /** @return nanoseconds from the key press to the LED, and to the server's ack */
    private static long[] rateOnce(DeviceRuntime kiosk, DeviceRuntime caller, PadNode pad,
                                   AtomicReference<Round> round, RatingLevel level) throws BenchException {
        String number = Teller.issue(kiosk, SERVICE);
        Round r = new Round(number, level, new CompletableFuture<>(), new CompletableFuture<>(),
                new CompletableFuture<>());
        round.set(r);
        // The counter is free: call.next calls this ticket, service.complete arms the pad for it.
        Teller.askNow(caller, Operation.CALL_NEXT, new Bodies.None());
        Teller.askNow(caller, Operation.SERVICE_COMPLETE, new Bodies.None());
        Await.get(r.armed, "rating.arm for " + number);
        long t0 = System.nanoTime();
        pad.press(level);
        long lit = Await.get(r.lit, "thank-you LED for " + number) - t0;
        long acked = Await.get(r.acked, "server ack of the rating for " + number) - t0;
        return new long[] {lit, acked};
    }
}
