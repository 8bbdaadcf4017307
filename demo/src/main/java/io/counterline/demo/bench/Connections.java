package io.counterline.demo.bench;

import io.counterline.device.DeviceRuntime;
import io.counterline.messaging.MessageBus;
import java.util.concurrent.CompletableFuture;

/** Futures for "this runtime is connected", so the bench waits on an event, not a timer. */
final class Connections {
    private Connections() {
    }

    /** Completes when {@code runtime} is (or next becomes) connected to the broker. */
    static CompletableFuture<Void> up(DeviceRuntime runtime) {
        CompletableFuture<Void> up = new CompletableFuture<>();
        runtime.onConnection(new MessageBus.ConnectionListener() {
            @Override
            public void connected() {
                up.complete(null);
            }

            @Override
            public void disconnected(String reason) {
            }
        });
        if (runtime.isConnected()) {
            up.complete(null);
        }
        return up;
    }
}
