package io.counterline.hall;

import com.typesafe.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hall-display --config FILE}: starts {@link HallDisplayApp}. A separate class because the
 * Java launcher refuses a main class that extends {@code Application} when JavaFX is on the class
 * path rather than the module path ("JavaFX runtime components are missing").
 *
 * <p>The config file is checked here first, so a bad key is one line in the journal and exit
 * status 2 before any window opens, rather than a JavaFX launcher stack trace.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        try {
            HallConfig.load(configFile(List.of(args)));
        } catch (ConfigException | IllegalArgumentException e) {
            log.error("hall display not started: {}", e.getMessage());
            System.exit(2);
        }
        Application.launch(HallDisplayApp.class, args);
    }

    /** The FILE of {@code --config FILE}. */
    static Path configFile(List<String> args) {
        int at = args.indexOf("--config");
        if (at < 0 || at + 1 >= args.size()) {
            throw new IllegalArgumentException("usage: hall-display --config FILE (was " + args + ")");
        }
        return Path.of(args.get(at + 1));
    }
}
