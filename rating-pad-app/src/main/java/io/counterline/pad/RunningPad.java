package io.counterline.pad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.protocol.DeviceRole;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A pad started from its config file, as {@link Main} and {@link PadApp} start it: runtime, then node. */
public final class RunningPad implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningPad.class);

    private final DeviceRuntime runtime;
    private final PadNode node;

    private RunningPad(DeviceRuntime runtime, PadNode node) {
        this.runtime = runtime;
        this.node = node;
    }

    /** The file given as {@code --config FILE}. */
    public static Path configFile(List<String> args) {
        int at = args.indexOf("--config");
        if (at < 0 || at + 1 >= args.size()) {
            throw new IllegalArgumentException("usage: rating-pad --config FILE");
        }
        return Path.of(args.get(at + 1));
    }

    /** Reads the HOCON file; a missing file or a syntax error fails naming the file. */
    public static Config load(Path file) {
        return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    }

    /** Reads the settings (failing fast, naming the bad key), connects and starts the pad. */
    public static RunningPad start(Config config) throws Exception {
        DeviceSettings device = DeviceSettings.from(config, DeviceRole.RATING_PAD);
        PadSettings pad = PadSettings.from(config.getConfig("rating-pad"));
        log.info("rating pad {} at counter {}: keys {}, speaker {}, screen {}", device.id(), pad.counter(),
                pad.keys().type(), pad.announcer().map(a -> a.type().toString()).orElse("none"),
                pad.screen().enabled() ? "on" : "off");
        DeviceRuntime runtime = DeviceRuntime.start(device, Clock.systemUTC());
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

    /** Closes in reverse order of start. */
    @Override
    public void close() {
        node.close();
        runtime.close();
        log.info("rating pad stopped");
    }
}
