package io.counterline.demo.bench;

import com.typesafe.config.ConfigFactory;
import io.counterline.audio.SimulatedAnnouncer;
import io.counterline.device.DeviceRuntime;
import io.counterline.hall.HallNode;
import io.counterline.hall.HallSettings;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Operation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Call next at counter c2, timed from the caller's {@code call.next} request to (a) the server's
 * answer at the caller and (b) a real {@link HallNode} (hall-1, simulated speaker) finding the
 * new call in {@code state/calls}. A ticket of service A is issued before each call, untimed.
 */
final class CallLatency {
    static final String SERVICE = "A";

    /** The two paths measured. */
    record Result(Samples answer, Samples hall) {
    }

    private CallLatency() {
    }

    static Result measure(BenchBranch branch, Plan plan) throws Exception {
        HallSettings hallSettings = HallSettings.from(ConfigFactory.parseString("content-folder = \""
                + branch.dir().resolve("hall-content") + "\"").withFallback(
                ConfigFactory.defaultReference().getConfig("counterline.hall")));
        try (DeviceRuntime kiosk = branch.runtime(BenchBranch.kiosk(2), DeviceRole.KIOSK);
             DeviceRuntime caller = branch.runtime("caller-2", DeviceRole.COUNTER_CALLER);
             DeviceRuntime hallRuntime = branch.runtime("hall-1", DeviceRole.HALL_DISPLAY);
             SimulatedAnnouncer speaker = new SimulatedAnnouncer();
             HallNode hall = HallNode.start(hallSettings, hallRuntime, speaker)) {
            AtomicReference<Waiting> waiting = new AtomicReference<>();
            hall.board().onNewCall(call -> {
                Waiting w = waiting.get();
                if (w != null && call.number().equals(w.number)) {
                    w.seen.complete(System.nanoTime());
                }
            });
            Await.get(Connections.up(kiosk), "kiosk-2 connection");
            Await.get(Connections.up(caller), "caller-2 connection");
            Await.get(Connections.up(hallRuntime), "hall-1 connection");
            Teller.signIn(caller, "t02");
            for (int i = 0; i < plan.warmup(); i++) {
                callOnce(kiosk, caller, waiting);
            }
            Result result = new Result(new Samples(plan.samples()), new Samples(plan.samples()));
            for (int i = 0; i < plan.samples(); i++) {
                long[] t = callOnce(kiosk, caller, waiting);
                result.answer.add(t[0]);
                result.hall.add(t[1]);
            }
            return result;
        }
    }

    private record Waiting(String number, CompletableFuture<Long> seen) {
    }

    /** @return nanoseconds from the request to the answer, and to the hall's new call */
    private static long[] callOnce(DeviceRuntime kiosk, DeviceRuntime caller, AtomicReference<Waiting> waiting)
            throws BenchException {
        String number = Teller.issue(kiosk, SERVICE);
        Waiting w = new Waiting(number, new CompletableFuture<>());
        waiting.set(w);
        long t0 = System.nanoTime();
        CompletableFuture<Long> answered = Teller.ask(caller, Operation.CALL_NEXT, new Bodies.None())
                .thenApply(r -> System.nanoTime());
        long answer = Await.get(answered, "call.next answer") - t0;
        long hall = Await.get(w.seen, "hall display showing " + number) - t0;
        return new long[] {answer, hall};
    }
}
