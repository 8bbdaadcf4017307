package io.counterline.demo.bench;

import com.typesafe.config.ConfigFactory;
import io.counterline.audio.SimulatedAnnouncer;
import io.counterline.caller.CallerHardware;
import io.counterline.caller.CallerNode;
import io.counterline.caller.CallerSettings;
import io.counterline.caller.button.SimulatedCallButton;
import io.counterline.device.DeviceRuntime;
import io.counterline.hall.HallNode;
import io.counterline.hall.HallSettings;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Health;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Call next at counter c2 on a real {@link CallerNode} (caller-2, simulated button and speaker,
 * a {@link FramingCounterDisplay}), timed from the teller's {@code callNext()} to (a) the LED
 * frame for the called number being written, (b) the controller's answer, and (c) a real
 * {@link HallNode} (hall-1, simulated speaker) finding the new call in {@code state/calls}. A
 * ticket of service A is issued before each call, untimed.
 */
final class CallLatency {
    static final String SERVICE = "A";

    /** The three paths measured. */
    record Result(Samples led, Samples answer, Samples hall) {
    }

    private CallLatency() {
    }

    static Result measure(BenchBranch branch, Plan plan) throws Exception {
        HallSettings hallSettings = HallSettings.from(ConfigFactory.parseString("content-folder = \""
                + branch.dir().resolve("hall-content") + "\"").withFallback(
                ConfigFactory.defaultReference().getConfig("counterline.hall")));
        CallerSettings callerSettings = CallerSettings.from(ConfigFactory.parseString("""
                counter = c2, counter-number = "2", greeting = false
                display { type = simulated }, announcer { type = simulated }
                """).withFallback(ConfigFactory.defaultReference().getConfig("counter-caller")));
        AtomicReference<Round> round = new AtomicReference<>();
        CallerHardware hardware = new CallerHardware(new FramingCounterDisplay((number, at) -> {
            Round r = round.get();
            if (r != null && number.equals(r.number)) {
                r.led.complete(at);
            }
        }), new SimulatedCallButton(), new SimulatedAnnouncer(), Health.OK, Health.OK, Optional.empty());
        try (DeviceRuntime kiosk = branch.runtime(BenchBranch.kiosk(2), DeviceRole.KIOSK);
             DeviceRuntime callerRuntime = branch.runtime("caller-2", DeviceRole.COUNTER_CALLER);
             DeviceRuntime hallRuntime = branch.runtime("hall-1", DeviceRole.HALL_DISPLAY);
             SimulatedAnnouncer speaker = new SimulatedAnnouncer();
             HallNode hall = HallNode.start(hallSettings, hallRuntime, speaker);
             CallerHardware owned = hardware;
             CallerNode caller = CallerNode.start(callerSettings, callerRuntime, hardware)) {
            hall.board().onNewCall(call -> {
                Round r = round.get();
                if (r != null && call.number().equals(r.number)) {
                    r.hall.complete(System.nanoTime());
                }
            });
            Await.get(Connections.up(kiosk), "kiosk-2 connection");
            Await.get(Connections.up(callerRuntime), "caller-2 connection");
            Await.get(Connections.up(hallRuntime), "hall-1 connection");
            Await.get(caller.controller().signIn("t02", BenchBranch.PIN), "teller sign-in");
            for (int i = 0; i < plan.warmup(); i++) {
                callOnce(kiosk, caller, round);
            }
            Result result = new Result(new Samples(plan.samples()), new Samples(plan.samples()),
                    new Samples(plan.samples()));
            for (int i = 0; i < plan.samples(); i++) {
                long[] t = callOnce(kiosk, caller, round);
                result.led.add(t[0]);
                result.answer.add(t[1]);
                result.hall.add(t[2]);
            }
            return result;
        }
    }

    private record Round(String number, CompletableFuture<Long> led, CompletableFuture<Long> hall) {
    }

    /** @return nanoseconds from callNext() to the LED frame, the answer, and the hall's new call */
    private static long[] callOnce(DeviceRuntime kiosk, CallerNode caller, AtomicReference<Round> round)
            throws BenchException {
        String number = Teller.issue(kiosk, SERVICE);
        Round r = new Round(number, new CompletableFuture<>(), new CompletableFuture<>());
        round.set(r);
        long t0 = System.nanoTime();
        CompletableFuture<Long> answered = caller.controller().callNext().thenApply(reply -> System.nanoTime());
        long answer = Await.get(answered, "call.next answer") - t0;
        long led = Await.get(r.led, "LED frame for " + number) - t0;
        long hall = Await.get(r.hall, "hall display showing " + number) - t0;
        return new long[] {led, answer, hall};
    }
}
