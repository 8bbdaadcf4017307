package io.counterline.pad;

import io.counterline.device.DeviceRuntime;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A pad started from its config, as {@link Main} starts it: runtime, then node; closed in reverse. */
public final class RunningPad implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningPad.class);

    private final DeviceRuntime runtime;
    private final PadNode node;

    private RunningPad(DeviceRuntime runtime, PadNode node) {
        this.runtime = runtime;
        this.node = node;
    }

    /** Connects and starts the pad; on failure nothing is left open. */
    public static RunningPad start(PadConfig config) throws Exception {
        PadSettings pad = config.pad();
        log.info("rating pad {} at counter {}: keys {}, speaker {}, screen {}", config.device().id(), pad.counter(),
                pad.keys().type(), pad.announcer().map(a -> a.type().toString()).orElse("none"),
                pad.screen().enabled() ? "on" : "off");
        DeviceRuntime runtime = DeviceRuntime.start(config.device(), Clock.systemUTC());
        try {
            return new RunningPad(runtime, PadNode.open(pad, runtime));
        } catch (Exception e) {
            runtime.close();
            throw e;
        }
    }

    public PadNode node() {
        return node;
    }

    /** Closes in reverse order of start; the runtime last, publishing the final "stopped" status. */
    @Override
    public void close() {
        node.close();
        runtime.close();
        log.info("rating pad stopped");
    }
}
