package io.counterline.demo.bench;

import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until whoever answers a device (the branch server, or the baseline's pong) is subscribed:
 * a request sent before that is dropped by the broker, so it asks with a short timeout until it
 * gets an answer, a bounded number of times.
 */
final class Readiness {
    private static final Duration ATTEMPT = Duration.ofMillis(250);
    private static final int ATTEMPTS = 80;

    private Readiness() {
    }

    static Response firstAnswer(DeviceRuntime device, Operation op, Object args) throws BenchException {
        Await.get(Connections.up(device), device.settings().id() + " connection");
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return device.requests().send(op, args, ATTEMPT).get(ATTEMPT.toMillis() * 4, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Not subscribed yet (or not connected): ask again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted waiting for a first answer", e);
            }
        }
        throw new BenchException(device.settings().id() + " got no answer to " + op.wire() + " in "
                + ATTEMPTS + " attempts");
    }
}
