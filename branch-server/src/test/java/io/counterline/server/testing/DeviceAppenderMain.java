package io.counterline.server.testing;

import io.counterline.protocol.EventEnvelope;
import java.nio.file.Path;

/**
 * A device process for kill tests: appends events as fast as it can, printing
 * {@code SEQ <n>} after each append has returned (committed), until it is killed.
 * Arguments: device, outbox file, broker URI.
 */
public final class DeviceAppenderMain {
    private DeviceAppenderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (TestDevice device = TestDevice.start(args[0], Path.of(args[1]), args[2], 1_000_000)) {
            System.out.println("READY");
            System.out.flush();
            for (int n = 0; n < 1_000_000; n++) {
                EventEnvelope e = device.append(n);
                System.out.println("SEQ " + e.seq());
                System.out.flush();
            }
        }
    }
}
